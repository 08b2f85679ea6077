using Feedback.Api.Data;
using Feedback.Api.Data.ReadReplica;
using Mediator;

namespace Feedback.Api.Common.Mediation;

/// <summary>
/// Runs a query again on the primary when its read on the replica failed, or missed what the primary has: a report's
/// cycle the replica still sees open (409) or does not have (404) may only be replication lag. Reports are of closed
/// cycles, which never change, so the primary's answer is the one the replica will give once it caught up.
/// </summary>
public sealed class ReplicaFallbackBehavior<TMessage, TResponse>(IServiceProvider services, ReplicaReads reads)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (reads.Replica is null || message is not IBaseQuery)
        {
            return await next(message, cancellationToken);
        }

        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception e) when (Reason(e) is { } reason
                                  && services.GetService<FeedbackReadOnlyDbContext>() is { ReadFromReplica: true } db)
        {
            reads.FellBack(reason, e is FeedbackException ? null : e);
            await db.SwitchToPrimaryAsync(reads.Primary);
            return await next(message, cancellationToken);
        }
    }

    private static string? Reason(Exception e) => e switch
    {
        ConflictException { Type: ProblemTypes.CycleNotClosed } => "the replica has not replayed the cycle's close yet",
        NotFoundException => "the replica does not have what was asked for (yet)",
        _ when DatabaseFailures.IsReplicaUnusable(e) => "the replica failed during the read",
        _ => null,
    };
}
