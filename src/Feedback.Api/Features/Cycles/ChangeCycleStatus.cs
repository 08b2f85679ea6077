using Feedback.Api.Common.Http;
using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Cycles;

/// <summary>draft → open.</summary>
public sealed record OpenCycleCommand(Guid OrganizationId, Guid CycleId, string? IfMatch) : ICommand<FeedbackCycle>;

/// <summary>open → closed. Final: a closed cycle never changes again.</summary>
public sealed record CloseCycleCommand(Guid OrganizationId, Guid CycleId, string? IfMatch) : ICommand<FeedbackCycle>;

public sealed class OpenCycleHandler(FeedbackDbContext db, TimeProvider clock) : ICommandHandler<OpenCycleCommand, FeedbackCycle>
{
    public async ValueTask<FeedbackCycle> Handle(OpenCycleCommand command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var cycle = await CycleStatusChange.LockAsync(db, command.OrganizationId, command.CycleId, command.IfMatch, CycleStatus.Draft, "open", cancellationToken);
        cycle.Status = CycleStatus.Open;
        cycle.OpenedAt = clock.GetUtcNowForDatabase();
        var (assignments, subjects, _) = await WebhookOutbox.CountCycleAsync(db, command.OrganizationId, command.CycleId, withSheets: false, cancellationToken);
        WebhookOutbox.Enqueue(db, command.OrganizationId, WebhookEventTypes.CycleOpened,
            new CycleOpenedData(command.CycleId, assignments, subjects), clock);
        await db.SaveChangesAsync(cancellationToken);
        var opened = await FeedbackCycle.LoadAsync(db, command.OrganizationId, command.CycleId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return opened;
    }
}

public sealed class CloseCycleHandler(FeedbackDbContext db, TimeProvider clock, IEnumerable<ICycleClosedHandler> onClosed)
    : ICommandHandler<CloseCycleCommand, FeedbackCycle>
{
    public async ValueTask<FeedbackCycle> Handle(CloseCycleCommand command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var cycle = await CycleStatusChange.LockAsync(db, command.OrganizationId, command.CycleId, command.IfMatch, CycleStatus.Open, "close", cancellationToken);
        cycle.Status = CycleStatus.Closed;
        cycle.ClosedAt = clock.GetUtcNowForDatabase();
        await db.SaveChangesAsync(cancellationToken);

        // In this same transaction (after the status change, whose trigger waited for the cycle's in-flight sheet
        // writes: see CycleLocks): the reports are materialized, the replaced sheets purged.
        foreach (var handler in onClosed)
        {
            await handler.OnCycleClosedAsync(command.OrganizationId, command.CycleId, cancellationToken);
        }

        // Webhook events commit with the close (and the reports it materialized) or not at all.
        var (assignments, subjects, sheets) = await WebhookOutbox.CountCycleAsync(db, command.OrganizationId, command.CycleId, withSheets: true, cancellationToken);
        WebhookOutbox.Enqueue(db, command.OrganizationId, WebhookEventTypes.CycleClosed,
            new CycleClosedData(command.CycleId, assignments, subjects, sheets), clock);
        WebhookOutbox.Enqueue(db, command.OrganizationId, WebhookEventTypes.ReportsReady, new ReportsReadyData(command.CycleId, subjects), clock);
        await db.SaveChangesAsync(cancellationToken);

        var closed = await FeedbackCycle.LoadAsync(db, command.OrganizationId, command.CycleId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return closed;
    }
}

internal static class CycleStatusChange
{
    /// <summary>
    /// Locks the cycle for a status change (<see cref="CycleLocks.ForStatusChangeAsync"/>) for the caller's transaction,
    /// reads it (tracked, as it is after the lock) and checks the transition: 404, then 412 on an If-Match mismatch,
    /// then 409 unless the cycle is in <paramref name="from"/>. A concurrent change waits on the lock and then sees the
    /// new status, so two closes never both succeed.
    /// </summary>
    public static async Task<Cycle> LockAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, string? ifMatch, CycleStatus from, string verb, CancellationToken ct)
    {
        _ = await CycleLocks.ForStatusChangeAsync(db, organizationId, cycleId, ct) ?? throw FeedbackCycle.CycleNotFound(cycleId);
        var cycle = await db.Cycles.SingleAsync(c => c.OrganizationId == organizationId && c.Id == cycleId, ct);
        if (!EntityTag.Matches(ifMatch, cycle.Version))
        {
            throw new PreconditionFailedException($"The cycle's ETag is now {EntityTag.Format(cycle.Version)}; read it again.");
        }

        if (cycle.Status != from)
        {
            throw new ConflictException(ProblemTypes.IllegalTransition,
                $"Cannot {verb} a cycle that is {cycle.Status.ToString().ToLowerInvariant()}; "
                + "cycles go draft → open → closed, and closed is final.");
        }

        return cycle;
    }
}
