using Feedback.Api.Common.Telemetry;

namespace Feedback.Api.Data.ReadReplica;

/// <summary>
/// Where report reads go: the replica of <c>ConnectionStrings__FeedbackReadOnly</c> while it answers, the primary
/// when it does not (unreachable, failing, or behind a cycle's close). After a failure the replica is left alone for
/// <see cref="RetryReplicaAfter"/> so that only one request in that time pays a connect timeout. Fallbacks are counted
/// (<c>feedback.replica.fallbacks</c>) and logged at most once per <see cref="LogEvery"/>.
/// </summary>
public sealed class ReplicaReads
{
    public static readonly TimeSpan RetryReplicaAfter = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private readonly TimeProvider clock;
    private readonly FeedbackMetrics metrics;
    private readonly ILogger<ReplicaReads> logger;
    private readonly Lock gate = new();
    private DateTimeOffset replicaSkippedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset nextLogAt = DateTimeOffset.MinValue;
    private int unloggedFallbacks;

    public ReplicaReads(IConfiguration configuration, TimeProvider clock, FeedbackMetrics metrics, ILogger<ReplicaReads> logger)
    {
        this.clock = clock;
        this.metrics = metrics;
        this.logger = logger;
        Primary = DatabaseConnections.WithServiceDefaults(configuration.GetConnectionString("Feedback")) ?? "";
        Replica = configuration.GetConnectionString(ReplicaConnectionName) is { Length: > 0 } replica
            ? DatabaseConnections.WithServiceDefaults(replica)
            : null;
    }

    /// <summary>The connection string's name: <c>ConnectionStrings__FeedbackReadOnly</c>.</summary>
    public const string ReplicaConnectionName = "FeedbackReadOnly";

    public string Primary { get; }

    /// <summary>Null when no replica is configured: report reads then use the primary and nothing here applies.</summary>
    public string? Replica { get; }

    /// <summary>The connection string the read-only context starts with.</summary>
    public string Initial => Replica ?? Primary;

    /// <summary>False for a while after the replica failed: go to the primary without trying it.</summary>
    public bool ReplicaWorthTrying
    {
        get
        {
            lock (gate)
            {
                return Replica is not null && clock.GetUtcNow() >= replicaSkippedUntil;
            }
        }
    }

    /// <summary>The replica could not serve a read (<paramref name="failure"/> set) or did not have its data yet.</summary>
    public void FellBack(string reason, Exception? failure = null)
    {
        metrics.ReplicaFallback(reason);
        int suppressed;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (failure is not null)
            {
                replicaSkippedUntil = now + RetryReplicaAfter;
            }

            if (now < nextLogAt)
            {
                unloggedFallbacks++;
                return;
            }

            nextLogAt = now + LogEvery;
            suppressed = unloggedFallbacks;
            unloggedFallbacks = 0;
        }

        // The failure's type and message only: the stack trace of a refused connection says nothing more.
        logger.LogWarning(
            "Report read fell back to the primary: {Reason} {Failure} ({Earlier} more fallbacks since the last such message; logged at most once a minute)",
            reason, failure is null ? "" : $"({failure.GetType().Name}: {failure.Message})", suppressed);
    }
}
