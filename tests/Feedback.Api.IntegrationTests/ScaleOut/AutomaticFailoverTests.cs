using System.Collections.Concurrent;
using System.Diagnostics;
using Feedback.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Feedback.Api.IntegrationTests.ScaleOut;

/// <summary>The API over a pg_auto_failover group, through one multi-host connection string.</summary>
public sealed class FailoverApiFactory(AutoFailoverCluster cluster) : FeedbackApiFactory
{
    public override Task InitializeAsync() => Task.CompletedTask; // its own servers, not the shared test database

    protected override string DatabaseConnectionString() => cluster.ConnectionString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:RateLimits:Enabled", "false"); // the load is many requests per rater token
    }
}

/// <summary>
/// The primary dies under a submission load: meanwhile the API answers 503 with Retry-After (never a 500), it
/// resumes by itself once pg_auto_failover has promoted the secondary, and no sheet it acknowledged is lost
/// (the secondary was synchronous).
/// </summary>
public sealed class AutomaticFailoverTests
{
    private const int Workers = 4;

    [Fact]
    public async Task KillingThePrimaryUnderLoad_Answers503WithRetryAfter_ResumesAfterPromotion_AndLosesNoAcknowledgedSheet()
    {
        var started = Stopwatch.StartNew();
        await using var cluster = await AutoFailoverCluster.StartAsync();
        var clusterReady = started.Elapsed;
        await using (var db = new FeedbackDbContext(new DbContextOptionsBuilder<FeedbackDbContext>()
            .UseNpgsql(cluster.ConnectionString()).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
        }

        await using var api = new FailoverApiFactory(cluster);
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync([("lead", null), .. Enumerable.Range(0, 12).Select(i => ($"member-{i}", (string?)"lead"))]);
        var cycleId = await org.CreateCycleAsync();
        var assignments = new List<(Guid Id, string Token)>();
        for (var i = 0; i < 12; i++)
        {
            assignments.Add(await org.AssignAsync(cycleId, "lead", $"member-{i}", "directReport"));
        }

        await org.TransitionAsync(cycleId, "open");
        var primary = await cluster.PrimaryAsync();
        var secondary = cluster.NodePorts.Keys.Single(n => n != primary);

        // The load: each worker submits the leadership sheets of its own assignments in turn, as fast as answers come.
        var acknowledged = new ConcurrentBag<(Guid Assignment, int Revision, TimeSpan Sent, TimeSpan At)>();
        var refused = new ConcurrentBag<(HttpStatusCode Status, bool RetryAfter, TimeSpan At, string Body)>();
        var clock = Stopwatch.StartNew();
        TimeSpan? killedAt = null;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // the test's bound, whatever happens
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var mine = assignments.Where((_, i) => i % Workers == w).ToArray();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var (id, token) = mine[n % mine.Length];
                var body = SeededAssignment.FullBody("leadership", 1 + (n % 5));
                var sent = clock.Elapsed;
                try
                {
                    var response = await api.ClientWithToken(token).PutAsJsonAsync($"/v1/cycles/{cycleId}/assignments/{id}/leadership", body, stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var revision = (await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token)).GetProperty("revision").GetInt32();
                        acknowledged.Add((id, revision, sent, clock.Elapsed));
                    }
                    else
                    {
                        refused.Add((response.StatusCode, response.Headers.RetryAfter is not null, clock.Elapsed, await response.Content.ReadAsStringAsync(stop.Token)));
                        await Task.Delay(100, stop.Token); // a client honouring Retry-After would wait longer
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.NotEmpty(acknowledged);
        killedAt = clock.Elapsed;
        await cluster.KillAsync(primary);
        await cluster.WaitUntilPrimaryAsync(secondary, TimeSpan.FromSeconds(60));
        var promotedAt = clock.Elapsed;

        // Keep the load on until the API has answered for a while after the promotion, by itself.
        while (!stop.IsCancellationRequested && acknowledged.Count(a => a.At > promotedAt + TimeSpan.FromSeconds(3)) < 20)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // Requests in flight at the kill may still be acknowledged by the dying primary, even after the first refusal:
        // the outage starts at the first refusal and ends at the first acknowledgement of a request sent after it.
        var outages = refused.Where(r => r.At >= killedAt).OrderBy(r => r.At).ToArray();
        Assert.NotEmpty(outages);
        var (firstRefused, lastRefused) = (outages[0].At, outages[^1].At);
        var resumed = acknowledged.Where(a => a.Sent > firstRefused).OrderBy(a => a.At).ToArray();
        Assert.True(resumed.Length >= 20, "the API did not resume after the promotion");
        Console.WriteLine($"failover: cluster up in {clusterReady.TotalSeconds:0.0} s; primary {primary} killed at +{killedAt.Value.TotalSeconds:0.00} s; "
            + $"first 503 at +{firstRefused.TotalSeconds:0.00} s, {secondary} promoted by the monitor at +{promotedAt.TotalSeconds:0.00} s, "
            + $"first sheet acknowledged again at +{resumed[0].At.TotalSeconds:0.00} s, last 503 at +{lastRefused.TotalSeconds:0.00} s: "
            + $"outage window {(resumed[0].At - firstRefused).TotalSeconds:0.00} s ({(resumed[0].At - killedAt.Value).TotalSeconds:0.00} s after the kill); "
            + $"{acknowledged.Count} sheets acknowledged, {outages.Length} answered 503; {Workers} clients; load {File.ReadAllText("/proc/loadavg").Trim()}");

        // Meanwhile: 503 with Retry-After, nothing else.
        Assert.All(refused, r => Assert.True(r.Status == HttpStatusCode.ServiceUnavailable && r.RetryAfter, $"{(int)r.Status} {r.Body}"));

        // Every acknowledged revision is on the new primary (synchronous replication before the acknowledgement).
        await using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Pooling = false }.ConnectionString);
        await check.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT assignment_id, revision FROM sheets WHERE cycle_id = @cycle AND dimension = 'Leadership'", check);
        command.Parameters.AddWithValue("cycle", cycleId);
        var stored = new Dictionary<Guid, int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored[reader.GetGuid(0)] = reader.GetInt32(1);
            }
        }

        foreach (var sheet in acknowledged.GroupBy(a => a.Assignment))
        {
            Assert.True(stored.TryGetValue(sheet.Key, out var revision) && revision >= sheet.Max(a => a.Revision),
                $"assignment {sheet.Key}: acknowledged revision {sheet.Max(a => a.Revision)}, stored {(stored.TryGetValue(sheet.Key, out var r) ? r : 0)}");
        }
    }
}
