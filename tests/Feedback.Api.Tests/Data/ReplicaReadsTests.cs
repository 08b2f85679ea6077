using System.Diagnostics.Metrics;
using Feedback.Api.Common.Telemetry;
using Feedback.Api.Data.ReadReplica;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Api.Tests.Data;

public sealed class ReplicaReadsTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeLogger<ReplicaReads> logger = new();
    private readonly IMeterFactory meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private ReplicaReads Reads(string? replica = "Host=replica;Database=feedback") =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Feedback"] = "Host=primary;Database=feedback",
            ["ConnectionStrings:FeedbackReadOnly"] = replica,
        }).Build(), clock, new FeedbackMetrics(meters), logger);

    [Fact]
    public void WithoutAReplica_ReadsStartOnThePrimary_AndNeverTryAReplica()
    {
        var reads = Reads(replica: null);
        Assert.Null(reads.Replica);
        Assert.Equal("primary", new Npgsql.NpgsqlConnectionStringBuilder(reads.Initial).Host);
        Assert.False(reads.ReplicaWorthTrying);
    }

    [Fact]
    public void AfterAReplicaFailure_TheReplicaIsLeftAloneForTheRetryPause_ThenTriedAgain()
    {
        var reads = Reads();
        Assert.Equal("replica", new Npgsql.NpgsqlConnectionStringBuilder(reads.Initial).Host);
        Assert.Equal("primary", new Npgsql.NpgsqlConnectionStringBuilder(reads.Primary).Host);
        Assert.True(reads.ReplicaWorthTrying);

        reads.FellBack("the replica is unreachable", new TimeoutException("connect timed out"));
        Assert.False(reads.ReplicaWorthTrying);
        clock.Advance(ReplicaReads.RetryReplicaAfter - TimeSpan.FromMilliseconds(1));
        Assert.False(reads.ReplicaWorthTrying);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(reads.ReplicaWorthTrying);
    }

    [Fact]
    public void ALagFallback_DoesNotPauseTheReplica()
    {
        var reads = Reads();
        reads.FellBack("the replica has not replayed the cycle's close yet");
        Assert.True(reads.ReplicaWorthTrying);
    }

    [Fact]
    public void Fallbacks_AreAllCounted_ButLoggedAtMostOnceAMinute_WithHowManyWereNotLogged()
    {
        var reads = Reads();
        using var counted = new MetricCollector<long>(meters, FeedbackMetrics.MeterName, "feedback.replica.fallbacks");
        for (var i = 0; i < 5; i++)
        {
            reads.FellBack("the replica is unreachable", new TimeoutException("connect timed out"));
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(5, counted.GetMeasurementSnapshot().Count);
        Assert.Equal(1, logger.Collector.Count);
        Assert.Contains("TimeoutException: connect timed out", logger.LatestRecord.Message);

        clock.Advance(TimeSpan.FromSeconds(11)); // 61 s after the first message
        reads.FellBack("the replica does not have what was asked for (yet)");
        Assert.Equal(2, logger.Collector.Count);
        Assert.Contains("(4 more fallbacks since the last such message", logger.LatestRecord.Message);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, logger.LatestRecord.Level);
    }
}
