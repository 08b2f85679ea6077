using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.ApiKeys;

public sealed record RevokeApiKeyCommand(Guid OrganizationId, Guid Id) : ICommand;

public sealed class RevokeApiKeyHandler(FeedbackDbContext db, CredentialCache cache, TimeProvider clock) : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = await db.ApiKeys
            .SingleOrDefaultAsync(k => k.OrganizationId == command.OrganizationId && k.Id == command.Id && k.RevokedAt == null, cancellationToken)
            ?? throw new NotFoundException($"No live API key {command.Id}.");
        key.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await CredentialRevocations.NotifyAsync(db, key.Id, cancellationToken); // every instance's cache, at commit
        await tx.CommitAsync(cancellationToken);
        cache.Forget(key.KeyHash);
        return Unit.Value;
    }
}
