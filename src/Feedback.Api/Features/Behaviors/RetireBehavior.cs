using Feedback.Api.Common;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Behaviors;

public sealed record RetireBehaviorCommand(Guid OrganizationId, string Key) : ICommand;

/// <summary>Retiring is idempotent: retiring a retired behavior is still 204.</summary>
public sealed class RetireBehaviorHandler(FeedbackDbContext db) : ICommandHandler<RetireBehaviorCommand>
{
    public async ValueTask<Unit> Handle(RetireBehaviorCommand command, CancellationToken cancellationToken)
    {
        var retired = await db.Behaviors
            .Where(b => b.OrganizationId == command.OrganizationId && b.Key == command.Key)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Retired, true), cancellationToken);
        return retired == 1 ? Unit.Value : throw new NotFoundException($"No behavior '{command.Key}'.");
    }
}
