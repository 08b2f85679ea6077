using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Feedback.Benchmarks;

/// <summary>A seeded assignment: its id and rater token (kept only for the cycle the submissions run on).</summary>
internal sealed record SeededAssignment(Guid Id, string Token);

/// <summary>
/// One cycle of a given size in its own organization: people imported and assignments generated through the API
/// (as an HR system would), sheets seeded straight into PostgreSQL with COPY (they would take hours through HTTP).
/// </summary>
internal sealed class CycleScenario(ApiInstance api, PostgresCluster cluster, int subjects)
{
    /// <summary>5 peers at most: in the org chart below (8 reports per manager) that makes 8 raters per subject on average
    /// (self, manager, 5 peers; managers also get their 8 direct reports).</summary>
    public const int MaxPeers = 5;

    public Guid OrganizationId { get; private set; }
    public Guid CycleId { get; private set; }
    public int Assignments { get; private set; }
    public int Sheets { get; private set; }
    public IReadOnlyList<string> LeadershipKeys { get; private set; } = [];
    public IReadOnlyList<string> ManagementKeys { get; private set; } = [];
    public List<SeededAssignment> Seeded { get; } = [];

    public static string ExternalId(int k) => $"p{k:D6}";

    /// <summary>An org chart with 8 direct reports per manager: p1 is the root, p(k)'s manager is p((k-2)/8+1).</summary>
    public static string PeopleCsv(int count)
    {
        var csv = new StringBuilder("externalId,displayName,managerExternalId,department,title\n", count * 60);
        for (var k = 1; k <= count; k++)
        {
            var manager = k == 1 ? "" : ExternalId(((k - 2) / 8) + 1);
            csv.Append(CultureInfo.InvariantCulture, $"{ExternalId(k)},Person {k},{manager},dept-{k % 10},Engineer\n");
        }

        return csv.ToString();
    }

    /// <summary>POST /v1/people/import of the whole org chart as CSV; returns the seconds it took.</summary>
    public async Task<double> ImportPeopleAsync(CancellationToken ct)
    {
        var body = new StringContent(PeopleCsv(subjects), Encoding.UTF8, "text/csv");
        var clock = Stopwatch.StartNew();
        var response = await api.Http.PostAsync("/v1/people/import", body, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await EnsureAsync(response, "people import", ct);
        return seconds;
    }

    public async Task CreateCycleAsync(CancellationToken ct)
    {
        var created = await ReadJsonAsync(await api.Http.PostAsJsonAsync("/v1/cycles", new { name = $"Benchmark {subjects}" }, ct), "create cycle", ct);
        CycleId = created.GetProperty("id").GetGuid();
        var keys = created.GetProperty("behaviors").EnumerateArray().Select(b => b.GetString()!).ToHashSet();
        var catalog = await ReadJsonAsync(await api.Http.GetAsync("/v1/behaviors", ct), "behaviors", ct);
        var inCycle = catalog.EnumerateArray().Where(b => keys.Contains(b.GetProperty("key").GetString()!)).ToList();
        LeadershipKeys = inCycle.Where(b => b.GetProperty("dimension").GetString() == "leadership").Select(b => b.GetProperty("key").GetString()!).ToList();
        ManagementKeys = inCycle.Where(b => b.GetProperty("dimension").GetString() == "management").Select(b => b.GetProperty("key").GetString()!).ToList();

        await using var connection = await OpenAsync(ct);
        await using var org = new NpgsqlCommand("SELECT organization_id FROM cycles WHERE id = @id", connection);
        org.Parameters.AddWithValue("id", CycleId);
        OrganizationId = (Guid)(await org.ExecuteScalarAsync(ct))!;
    }

    /// <summary>At most 15 new pairs per subject here (self, manager, 8 direct reports, 5 peers): 1,000 subjects a call
    /// stays under the API's cap of 20,000 new assignments per generate call.</summary>
    private const int SubjectsPerGenerateCall = 1_000;

    /// <summary>POST .../assignments/generate in batches of subjects (the API caps one call); keeps the tokens when
    /// asked. Returns the seconds all the calls took.</summary>
    public async Task<double> GenerateAsync(bool keepTokens, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var first = 1; first <= subjects; first += SubjectsPerGenerateCall)
        {
            var batch = Enumerable.Range(first, Math.Min(SubjectsPerGenerateCall, subjects - first + 1)).Select(ExternalId).ToArray();
            await GenerateBatchAsync(batch, keepTokens, ct);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await using var connection = await OpenAsync(ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM assignments WHERE cycle_id = @id", connection);
        count.Parameters.AddWithValue("id", CycleId);
        Assignments = (int)(long)(await count.ExecuteScalarAsync(ct))!;
        return seconds;
    }

    private async Task GenerateBatchAsync(string[] batch, bool keepTokens, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/cycles/{CycleId}/assignments/generate")
        {
            Content = JsonContent.Create(new { subjects = batch, maxPeersPerSubject = MaxPeers, maxAssignmentsPerRater = 20 }),
        };
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            await EnsureAsync(response, "generate", ct);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        if (keepTokens)
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            foreach (var a in document.RootElement.GetProperty("assignments").EnumerateArray())
            {
                Seeded.Add(new SeededAssignment(a.GetProperty("id").GetGuid(), a.GetProperty("raterToken").GetString()!));
            }
        }
        else
        {
            await stream.CopyToAsync(Stream.Null, ct); // the body is not needed, only its cost
        }
    }

    public async Task OpenCycleAsync(CancellationToken ct) =>
        await EnsureAsync(await api.Http.PostAsync($"/v1/cycles/{CycleId}/open", null, ct), "open", ct);

    /// <summary>Both sheets of ~97% of the assignments, scores 1..5 with ~5% nulls, a comment on ~30%; sheets the
    /// submission runs already wrote are kept. COPY into a staging table, then one INSERT with triggers and foreign-key
    /// checks off (session_replication_role = replica): the rows are valid by construction.</summary>
    public async Task<double> SeedSheetsAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await OpenAsync(ct);
        var ids = new List<Guid>(Assignments);
        await using (var read = new NpgsqlCommand("SELECT id FROM assignments WHERE cycle_id = @id ORDER BY id", connection))
        {
            read.Parameters.AddWithValue("id", CycleId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        await using (var stage = new NpgsqlCommand("""
            CREATE TEMP TABLE seed_sheets (id uuid, organization_id uuid, cycle_id uuid, assignment_id uuid, dimension text,
                                           scores jsonb, comment text, revision int, submitted_at timestamptz)
            """, connection))
        {
            await stage.ExecuteNonQueryAsync(ct);
        }

        var random = new Random(subjects);
        var now = DateTime.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY seed_sheets (id, organization_id, cycle_id, assignment_id, dimension, scores, comment, revision, submitted_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var assignment in ids)
            {
                if (random.NextDouble() < 0.03)
                {
                    continue;
                }

                foreach (var (dimension, keys) in new[] { ("Leadership", LeadershipKeys), ("Management", ManagementKeys) })
                {
                    var scores = new StringBuilder("{");
                    foreach (var key in keys)
                    {
                        scores.Append(scores.Length > 1 ? "," : "").Append('"').Append(key).Append("\":")
                            .Append(random.NextDouble() < 0.05 ? "null" : random.Next(1, 6).ToString(CultureInfo.InvariantCulture));
                    }

                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(OrganizationId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(CycleId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(assignment, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(dimension, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(scores.Append('}').ToString(), NpgsqlDbType.Jsonb, ct);
                    if (random.NextDouble() < 0.3)
                    {
                        await copy.WriteAsync($"Seeded comment {random.Next(1000)}: listens well, could plan further ahead.", NpgsqlDbType.Text, ct);
                    }
                    else
                    {
                        await copy.WriteNullAsync(ct);
                    }

                    await copy.WriteAsync(1, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        await using (var insert = new NpgsqlCommand("""
            SET session_replication_role = replica;
            INSERT INTO sheets (id, organization_id, cycle_id, assignment_id, dimension, scores, comment, revision, submitted_at)
            SELECT id, organization_id, cycle_id, assignment_id, dimension, scores, comment, revision, submitted_at FROM seed_sheets
            ON CONFLICT DO NOTHING; -- sheets the submission runs wrote (any version of the schema's unique key)
            SET session_replication_role = origin;
            DROP TABLE seed_sheets;
            ANALYZE sheets; ANALYZE assignments; ANALYZE people;
            """, connection) { CommandTimeout = 0 })
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM sheets WHERE cycle_id = @id", connection);
        count.Parameters.AddWithValue("id", CycleId);
        Sheets = (int)(long)(await count.ExecuteScalarAsync(ct))!;
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The yardstick for the close: one plain SQL aggregation over the same sheets (every score of the cycle grouped
    /// by subject, relationship and dimension: count and mean), all rows read by the client. Returns seconds.
    /// </summary>
    public async Task<double> PlainAggregationAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT a.subject_id, a.relationship, s.dimension, count(*) AS n, avg((e.value)::int) AS mean
            FROM assignments a
            JOIN sheets s ON s.organization_id = a.organization_id AND s.assignment_id = a.id
            CROSS JOIN LATERAL jsonb_each(s.scores) e
            WHERE a.organization_id = @organization_id AND a.cycle_id = @cycle_id AND jsonb_typeof(e.value) = 'number'
            GROUP BY a.subject_id, a.relationship, s.dimension
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("organization_id", OrganizationId);
        command.Parameters.AddWithValue("cycle_id", CycleId);
        var clock = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>POST .../close; returns the seconds it took.</summary>
    public async Task<double> CloseAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var response = await api.Http.PostAsync($"/v1/cycles/{CycleId}/close", null, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await EnsureAsync(response, "close", ct);
        return seconds;
    }

    /// <summary>"path token" lines for wrk: every subject's person report.</summary>
    public IEnumerable<string> PersonReportTargets() =>
        Enumerable.Range(1, subjects).Select(k => $"/v1/cycles/{CycleId}/reports/people/{ExternalId(k)} {api.AdminKey}");

    public static readonly string[] Sorts = ["gap", "-gap", "leadership", "-leadership", "management", "-management", "name"];

    /// <summary>"path token" lines for wrk: first pages of every sort and of three filters, and pages deeper in every
    /// sort (cursors collected by walking up to 20 pages of 200), 50 rows each.</summary>
    public async Task<List<string>> GapPageTargetsAsync(CancellationToken ct)
    {
        var prefix = $"/v1/cycles/{CycleId}/reports/gaps";
        var targets = Sorts.Select(s => $"{prefix}?sort={s}&limit=50").ToList();
        targets.Add($"{prefix}?department=dept-3&limit=50");
        targets.Add($"{prefix}?isManager=true&sort=-leadership&limit=50");
        targets.Add($"{prefix}?quadrant=developing&sort=management&limit=50");
        foreach (var sort in Sorts)
        {
            string? cursor = null;
            for (var page = 0; page < 20; page++)
            {
                var url = $"{prefix}?sort={sort}&limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                var body = await ReadJsonAsync(await api.Http.GetAsync(url, ct), "gap page", ct);
                if (body.GetProperty("nextCursor").GetString() is not { } next)
                {
                    break;
                }

                cursor = next;
                targets.Add($"{prefix}?sort={sort}&limit=50&cursor={Uri.EscapeDataString(cursor)}");
            }
        }

        return targets.Select(t => $"{t} {api.AdminKey}").ToList();
    }

    /// <summary>The whole gap report as CSV, streamed and counted: (rows, seconds).</summary>
    public async Task<(int Rows, double Seconds)> ExportCsvAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{CycleId}/reports/gaps");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            await EnsureAsync(response, "csv export", ct);
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var lines = 0;
        while (await reader.ReadLineAsync(ct) is not null)
        {
            lines++;
        }

        return (lines - 1, clock.Elapsed.TotalSeconds);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(cluster.ConnectionString("feedback"));
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        await EnsureAsync(response, what, ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return document.RootElement.Clone();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }
    }
}
