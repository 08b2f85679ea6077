using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Data;

/// <summary>
/// The report queries' context: the read replica when <c>ConnectionStrings__FeedbackReadOnly</c> is set, else the
/// primary. When the replica is unreachable, fails, or has not replayed a cycle's close yet, the request goes on on
/// the primary (<see cref="ReadReplica.ReplicaFallbackInterceptor"/>, <see cref="Common.Mediation.ReplicaFallbackBehavior{TMessage, TResponse}"/>).
/// </summary>
public sealed class FeedbackReadOnlyDbContext : FeedbackDbContext
{
    /// <summary>Its options set no tracking (<see cref="ReadReplica.ReadReplicaServices"/>).</summary>
    public FeedbackReadOnlyDbContext(DbContextOptions<FeedbackReadOnlyDbContext> options)
        : base(options)
    {
    }

    /// <summary>This context's connection was opened on the replica (so a miss may only be replica lag).</summary>
    internal bool ReadFromReplica { get; set; }

    /// <summary>This context reads from the primary for the rest of its life (one request).</summary>
    internal bool OnPrimary { get; private set; }

    /// <summary>Moves the context to the primary; the next query opens a connection there.</summary>
    internal async Task SwitchToPrimaryAsync(string primary)
    {
        await Database.CloseConnectionAsync();
        Database.SetConnectionString(primary);
        OnPrimary = true;
        ReadFromReplica = false;
    }

    /// <summary>For the interceptor, which retargets a connection it is opening.</summary>
    internal void MarkOnPrimary()
    {
        OnPrimary = true;
        ReadFromReplica = false;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("The read-only context does not write.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The read-only context does not write.");
}
