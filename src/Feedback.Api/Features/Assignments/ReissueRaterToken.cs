using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Cycles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Assignments;

/// <summary>A new rater token for an assignment; the previous one no longer works. Shown only here.</summary>
/// <param name="AssignmentId">The assignment.</param>
/// <param name="RaterToken">The new token (fbr_…); only its hash is stored.</param>
/// <param name="RaterUrl">The link to hand the rater: the rater page with the token in the fragment.</param>
public sealed record RaterTokenReissued(Guid AssignmentId, string RaterToken, string RaterUrl);

public sealed record ReissueRaterTokenCommand(Guid OrganizationId, Guid CycleId, Guid AssignmentId) : ICommand<RaterTokenReissued>;

/// <summary>
/// Replaces the assignment's token hash and, in the same transaction, tells every instance to forget the old token
/// (<see cref="CredentialRevocations"/>): it stops working at once, for reads as well as writes. The sheets already
/// submitted stay with the assignment.
/// </summary>
public sealed class ReissueRaterTokenHandler(FeedbackDbContext db, CredentialCache cache, PublicUrls urls)
    : ICommandHandler<ReissueRaterTokenCommand, RaterTokenReissued>
{
    public async ValueTask<RaterTokenReissued> Handle(ReissueRaterTokenCommand command, CancellationToken cancellationToken)
    {
        var org = command.OrganizationId;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // As when assignments are created: a concurrent close waits for this change, or we see it closed.
        var status = await CycleLocks.ForAssignmentChangeAsync(db, org, command.CycleId, cancellationToken)
            ?? throw FeedbackCycle.CycleNotFound(command.CycleId);
        if (status == CycleStatus.Closed)
        {
            throw new ConflictException(ProblemTypes.CycleClosed,
                "The cycle is closed: its rater tokens can no longer submit, so there is nothing to reissue.");
        }

        var token = TokenFormat.NewRaterToken();
        var hash = TokenFormat.Hash(token);
        var updated = await db.Assignments
            .Where(a => a.OrganizationId == org && a.CycleId == command.CycleId && a.Id == command.AssignmentId)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.TokenHash, hash), cancellationToken);
        if (updated == 0)
        {
            throw new NotFoundException($"No assignment {command.AssignmentId} in cycle {command.CycleId}.");
        }

        await CredentialRevocations.NotifyAsync(db, command.AssignmentId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        cache.ForgetCredential(command.AssignmentId); // this instance at once, without waiting for its own notice
        return new RaterTokenReissued(command.AssignmentId, token, urls.RaterUrl(token));
    }
}
