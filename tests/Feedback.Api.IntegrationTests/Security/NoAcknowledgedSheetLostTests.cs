using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Feedback.Api.Common.Auth;
using Npgsql;
using Xunit.Abstractions;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>
/// Jepsen's set test for sheets: 16 raters submit sheets for a minute, each with a comment no other submission has,
/// while the test SIGKILLs and restarts the API (a separate process) and stops PostgreSQL in immediate mode (a crash:
/// no checkpoint, WAL replay on start) and starts it again. Afterwards every submission answered 2xx must be in the
/// database (current sheet or replaced revision) exactly once, with the revision the answer named. Submissions that
/// failed or timed out may be there or not: their outcome was never acknowledged.
/// </summary>
public sealed class NoAcknowledgedSheetLostTests(ITestOutputHelper output)
{
    private const int Clients = 16;

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("FEEDBACK_CRASH_TEST_SECONDS"), out var s) ? s : 60);

    private sealed record Acknowledged(Guid AssignmentId, string Dimension, int Revision, string Comment);

    [Fact]
    public async Task SixteenRaters_ThroughApiKillsAndDatabaseCrashes_NoAcknowledgedSheetIsLostOrDuplicated()
    {
        await using var database = await DurablePostgresServer.StartAsync();
        var keys = Directory.CreateTempSubdirectory("feedback-crash-keys-");
        var adminKey = TokenFormat.NewApiKey();
        await using var api = new RestartableApiProcess(new Dictionary<string, string>
        {
            ["ConnectionStrings__Feedback"] = database.ConnectionString,
            ["Feedback__Bootstrap__AdminApiKey"] = adminKey,
            ["Feedback__DataProtection__KeysDirectory"] = keys.FullName,
            ["Feedback__RateLimits__Enabled"] = "false",
            ["Feedback__Webhooks__DispatcherEnabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await api.StartAsync(TimeSpan.FromSeconds(60));
        var (cycleId, tokens) = await SetUpAsync(api.BaseUrl, adminKey);

        var acknowledged = new ConcurrentBag<Acknowledged>();
        var indeterminate = 0;
        using var stop = new CancellationTokenSource(Duration);
        var clients = tokens.Select((t, i) => Task.Run(() => SubmitUntilStoppedAsync(api.BaseUrl, i, cycleId, t.AssignmentId, t.Token, acknowledged,
            () => Interlocked.Increment(ref indeterminate), stop.Token))).ToList();
        var (kills, crashes) = await NemesisAsync(api, database, stop.Token);
        await Task.WhenAll(clients);
        await api.KillAsync();

        var stored = await StoredAsync(database.ConnectionString);
        var byComment = stored.ToLookup(r => r.Comment);
        var lost = acknowledged.Where(a => !byComment.Contains(a.Comment)).ToList();
        var duplicated = byComment.Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var revisionsTwice = stored.GroupBy(r => (r.AssignmentId, r.Dimension, r.Revision)).Where(g => g.Count() > 1).ToList();
        var wrongRevision = acknowledged.Where(a => byComment.Contains(a.Comment)
            && byComment[a.Comment].Single() is var row && (row.Revision != a.Revision || row.AssignmentId != a.AssignmentId || row.Dimension != a.Dimension)).ToList();
        output.WriteLine($"no acknowledged sheet lost: {acknowledged.Count} acknowledged, {indeterminate} failed or unanswered, "
            + $"{stored.Count} stored, {kills} API SIGKILLs, {crashes} PostgreSQL crashes in {Duration.TotalSeconds:0} s; "
            + $"lost {lost.Count}, duplicated {duplicated.Count + revisionsTwice.Count}, wrong revision {wrongRevision.Count}");

        Assert.Empty(lost);
        Assert.Empty(duplicated);
        Assert.Empty(revisionsTwice);
        Assert.Empty(wrongRevision);
        // The run did what it claims: work got acknowledged and both faults happened, hitting requests in flight.
        Assert.True(acknowledged.Count >= 100, $"only {acknowledged.Count} acknowledged submissions");
        Assert.True(kills >= 2 && crashes >= 2, $"{kills} kills, {crashes} crashes");
        Assert.True(indeterminate > 0, "no request failed: the faults never met a request");
        keys.Delete(true);
    }

    /// <summary>16 subjects with a rater each, an open cycle; returns it with each rater's assignment and token.</summary>
    private static async Task<(Guid CycleId, List<(Guid AssignmentId, string Token)> Tokens)> SetUpAsync(string baseUrl, string adminKey)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(baseUrl) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        for (var i = 0; i < Clients; i++)
        {
            foreach (var person in new[] { $"subject-{i}", $"rater-{i}" })
            {
                (await admin.PutAsJsonAsync($"/v1/people/{person}", new { displayName = person })).EnsureSuccessStatusCode();
            }
        }

        var cycle = await (await admin.PostAsJsonAsync("/v1/cycles", new { name = "crash test", behaviors = RatingsSeed.Leadership.Concat(RatingsSeed.Management) }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var cycleId = cycle.GetProperty("id").GetGuid();
        var tokens = new List<(Guid, string)>();
        for (var i = 0; i < Clients; i++)
        {
            var assignment = await (await admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/assignments",
                new { subjectExternalId = $"subject-{i}", raterExternalId = $"rater-{i}", relationship = "peer" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            tokens.Add((assignment.GetProperty("id").GetGuid(), assignment.GetProperty("raterToken").GetString()!));
        }

        (await admin.PostAsync($"/v1/cycles/{cycleId}/open", null)).EnsureSuccessStatusCode();
        return (cycleId, tokens);
    }

    private static async Task SubmitUntilStoppedAsync(string baseUrl, int client, Guid cycleId, Guid assignmentId, string token,
        ConcurrentBag<Acknowledged> acknowledged, Action failed, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var random = new Random(client);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var dimension = n % 2 == 0 ? "leadership" : "management";
            var comment = $"client {client} submission {n}";
            var keys = dimension == "leadership" ? RatingsSeed.Leadership : RatingsSeed.Management;
            var body = new { scores = keys.ToDictionary(k => k, _ => (int?)random.Next(1, 6)), comment };
            try
            {
                using var response = await http.PutAsJsonAsync($"/v1/cycles/{cycleId}/assignments/{assignmentId}/{dimension}", body, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                    acknowledged.Add(new Acknowledged(assignmentId, dimension, answer.GetProperty("revision").GetInt32(), comment));
                    continue;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
            }

            failed();
            await Task.Delay(50, CancellationToken.None); // the API or its database is down: do not spin
        }
    }

    /// <summary>Every few seconds, a fault: SIGKILL the API and start it again, or crash PostgreSQL and start it again.</summary>
    private static async Task<(int Kills, int Crashes)> NemesisAsync(RestartableApiProcess api, DurablePostgresServer database, CancellationToken stop)
    {
        var random = new Random(42);
        int kills = 0, crashes = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2500, 5000)), stop);
            }
            catch (TaskCanceledException)
            {
                break;
            }

            if ((kills + crashes) % 2 == 0)
            {
                await api.KillAsync();
                kills++;
                await api.StartAsync(TimeSpan.FromSeconds(90));
            }
            else
            {
                await database.StopImmediateAsync();
                crashes++;
                await Task.Delay(random.Next(200, 1500), CancellationToken.None);
                await database.StartServerAsync();
            }
        }

        return (kills, crashes);
    }

    private sealed record StoredSheet(Guid AssignmentId, string Dimension, int Revision, string Comment);

    /// <summary>Every version of every sheet the database holds: current sheets and the revisions they replaced.</summary>
    private static async Task<List<StoredSheet>> StoredAsync(string connectionString)
    {
        // No pooled connection: those the test opened before the crashes are dead.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT assignment_id, lower(dimension), revision, comment FROM sheets
            UNION ALL
            SELECT assignment_id, lower(dimension), revision, comment FROM sheet_revisions
            """, connection);
        var rows = new List<StoredSheet>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredSheet(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return rows;
    }
}
