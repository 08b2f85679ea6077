using System.Diagnostics.Metrics;
using Feedback.Api.Common.Telemetry;
using Feedback.Api.Data.ReadReplica;
using Feedback.Api.IntegrationTests.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Feedback.Api.IntegrationTests.ScaleOut;

/// <summary>
/// Reports read from a real streaming replica, and fall back to the primary within the same request when the replica
/// lags behind a close or is down: never a 503 while the primary is up.
/// </summary>
public sealed class StreamingReplicaTests(StreamingReplicaApiFactory api) : IClassFixture<StreamingReplicaApiFactory>
{
    [Fact]
    public async Task Reports_AreReadOnTheReplica_WhileWritesGoToThePrimary()
    {
        // Every write of the scenario (people, cycle, assignments, sheets, close) went to the primary: a hot standby
        // refuses writes, so had any gone to the replica the scenario would have failed.
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        await api.WaitForReplayAsync();
        using var fallbacks = Fallbacks();

        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync("/v1/people/alice/reports/trend")).StatusCode);

        // The API's report connections ran the report statements on the replica, and no read fell back.
        var onReplica = await StreamingReplicaApiFactory.ReportConnectionQueriesAsync(api.Replica);
        Assert.Contains(onReplica, q => q.Contains("subject_reports", StringComparison.Ordinal));
        Assert.Empty(fallbacks.GetMeasurementSnapshot());
        Assert.True(await api.Replica.QueryAsync<bool>(StreamingReplicaApiFactory.Database, "SELECT pg_is_in_recovery()"));
    }

    [Fact]
    public async Task AReportOfACloseTheReplicaHasNotReplayed_IsAnsweredFromThePrimary()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(ReportScenario.People);
        var cycleId = await org.CreateOpenCycleAsync("lagging");
        await org.RateAsync(cycleId, ReportScenario.Ratings);
        await api.WaitForReplayAsync();

        using var fallbacks = Fallbacks();

        // The replica stops replaying: it keeps seeing the cycle open while the primary closes it.
        await api.Replica.QueryAsync<object>(StreamingReplicaApiFactory.Database, "SELECT pg_wal_replay_pause()::text");
        try
        {
            await org.CloseCycleAsync(cycleId);
            Assert.Equal("Open", await api.Replica.QueryAsync<string>(StreamingReplicaApiFactory.Database,
                $"SELECT status FROM cycles WHERE id = '{cycleId}'"));

            var gaps = await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps");
            Assert.Equal(HttpStatusCode.OK, gaps.StatusCode);
            var body = await gaps.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(9, body.GetProperty("summary").GetProperty("subjects").GetInt32()); // as GapReportTests computes it
            Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).StatusCode);
            Assert.Equal(2, fallbacks.GetMeasurementSnapshot().Count(m => ((string)m.Tags["reason"]!).Contains("close", StringComparison.Ordinal)));

            // A cycle that is really open is still 409, from the primary.
            var open = await org.CreateOpenCycleAsync("really open");
            await (await org.Admin.GetAsync($"/v1/cycles/{open}/reports/gaps")).AssertProblemAsync(HttpStatusCode.Conflict);
        }
        finally
        {
            await api.Replica.QueryAsync<object>(StreamingReplicaApiFactory.Database, "SELECT pg_wal_replay_resume()::text");
        }
    }

    [Fact]
    public async Task WhenTheReplicaStops_ReportsStillAnswer200FromThePrimary_AndTheFallbackIsLoggedOnce()
    {
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        await api.WaitForReplayAsync();
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).StatusCode); // pools a replica connection
        var logsBefore = api.FallbackLogs.Count;
        using var fallbacks = Fallbacks();

        await api.Replica.StopAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var gaps = await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps");
                Assert.True(gaps.StatusCode == HttpStatusCode.OK, await gaps.Content.ReadAsStringAsync());
                Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync("/v1/people/alice/reports/trend")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health/ready")).StatusCode);
            Assert.Equal(15, fallbacks.GetMeasurementSnapshot().Count);

            // Fifteen fallbacks, at most one line (once a minute; an earlier test of this class may have used it up).
            Assert.InRange(api.FallbackLogs.Count - logsBefore, 0, 1);
            Assert.False(api.FallbackLogs.IsEmpty, "the fallback was never logged");
        }
        finally
        {
            await api.Replica.StartAsync();
        }

        // Back on the replica once it answers again and the pause after its failure is over.
        await Task.Delay(ReplicaReads.RetryReplicaAfter);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/bob")).StatusCode);
        Assert.Contains(await StreamingReplicaApiFactory.ReportConnectionQueriesAsync(api.Replica),
            q => q.Contains("subject_reports", StringComparison.Ordinal));
    }

    private MetricCollector<long> Fallbacks() =>
        new(api.Services.GetRequiredService<IMeterFactory>(), FeedbackMetrics.MeterName, "feedback.replica.fallbacks");
}
