using Feedback.Api.Common;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.ApiKeys;

public sealed record RevokeApiKeyCommand(Guid OrganizationId, Guid Id) : ICommand;

public sealed class RevokeApiKeyHandler(FeedbackDbContext db, TimeProvider clock) : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var revoked = await db.ApiKeys
            .Where(k => k.OrganizationId == command.OrganizationId && k.Id == command.Id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, clock.GetUtcNow()), cancellationToken);
        return revoked == 1 ? Unit.Value : throw new NotFoundException($"No live API key {command.Id}.");
    }
}
