using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Feedback.Benchmarks;

/// <summary>
/// The whole benchmark, in order: the API's build, a PostgreSQL cluster, then per cycle size a fresh API process (so
/// its peak memory belongs to that size) with its own organization: import, generate, open; on the smallest size the
/// submission runs side by side (pgbench, API, bare endpoint); sheets seeded with COPY; the plain aggregation and the
/// close; person reports, gap pages and the CSV export. Everything started here is stopped in <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class Benchmark(BenchmarkOptions options) : IAsyncDisposable
{
    private const int ReportClients = 8;
    private readonly Figures figures = new(Path.Combine(options.WorkDirectory, "results.jsonl"));
    private readonly string startLoad = Shell.Load();
    private PostgresCluster? cluster;
    private ApiInstance? api;
    private Process? bare;

    private static void Say(string text) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {text} (load {Shell.Load()})");

    public async Task<int> RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        await EnsureToolsAsync(ct);
        Say($"{Environment.ProcessorCount} cores; sizes {string.Join(", ", options.Sizes)}; {options.Clients} clients for submissions, "
            + $"{ReportClients} for reports; API from {options.ApiSource}");

        Say("building the API (Release)");
        var dll = await ApiInstance.BuildAsync(options.ApiSource, Path.Combine(options.WorkDirectory, "api"), ct);
        var commit = await GitCommitAsync(options.ApiSource, ct);

        var apiPort = Shell.FreePort(options.PortBase, 1);
        var barePort = Shell.FreePort(options.PortBase + 1, 1);
        cluster = await PostgresCluster.StartAsync(PostgresCluster.FindBinaries(), Shell.FreePort(options.PortBase + 5, 5), options.Keep, Say, ct);
        await cluster.ExecuteAsync("postgres", "CREATE DATABASE feedback", ct);
        await cluster.ExecuteAsync("postgres", "CREATE DATABASE pgbench", ct);
        File.WriteAllText(Path.Combine(options.WorkDirectory, "api.log"), "");

        var submissionSize = options.Sizes.Min();
        foreach (var size in options.Sizes)
        {
            await RunSizeAsync(dll, apiPort, barePort, size, size == submissionSize, ct);
        }

        AddCrossSizeFigures();
        var summary = Summary(commit);
        Console.WriteLine();
        Console.WriteLine(summary);
        await File.WriteAllTextAsync(Path.Combine(options.WorkDirectory, "summary.txt"), summary, ct);
        return 0;
    }

    private async Task RunSizeAsync(string dll, int apiPort, int barePort, int size, bool submissions, CancellationToken ct)
    {
        Say($"--- {size:N0} subjects: starting a fresh API with its own organization");
        api = await ApiInstance.StartAsync(dll, cluster!.ConnectionString("feedback"), apiPort, $"bench-{size}",
            Path.Combine(options.WorkDirectory, "api.log"), ct);
        await cluster.ExecuteAsync("feedback", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", ct);
        var scenario = new CycleScenario(api, cluster, size);

        var import = await scenario.ImportPeopleAsync(ct);
        figures.Add(new Figure("import.people", size, import, "s", Goal: size == 10_000 ? "≤ 3 s" : "", Met: size == 10_000 ? import <= 3 : null));
        await scenario.CreateCycleAsync(ct);
        api.ResetPhasePeak();
        var generate = await scenario.GenerateAsync(keepTokens: submissions, ct);
        figures.Add(new Figure("generate", size, generate, "s", Note: $"{scenario.Assignments:N0} assignments; RSS peak {api.PhasePeakRssMb:N0} MB"));
        await scenario.OpenCycleAsync(ct);

        if (submissions && !options.SkipSubmissions)
        {
            await RunSubmissionsAsync(scenario, barePort, ct);
        }

        Say($"seeding sheets with COPY ({scenario.Assignments:N0} assignments × 2 dimensions)");
        var seeded = await scenario.SeedSheetsAsync(ct);
        Say($"{scenario.Sheets:N0} sheets in {seeded:0.0} s");

        await scenario.PlainAggregationAsync(ct); // warms the cache for both, as a close right after submissions would find it
        var aggregationCpu = cluster.CpuTime();
        var aggregation = await scenario.PlainAggregationAsync(ct);
        aggregationCpu = cluster.CpuTime() - aggregationCpu;
        figures.Add(new Figure("close.plain_aggregation", size, aggregation, "s",
            Note: $"{scenario.Sheets:N0} sheets; PostgreSQL CPU {aggregationCpu.TotalSeconds:0.0} s"));
        api.ResetPhasePeak();
        var (apiCpu, pgCpu) = (Shell.CpuTime(api.ProcessId), cluster.CpuTime());
        var close = await scenario.CloseAsync(ct);
        (apiCpu, pgCpu) = (Shell.CpuTime(api.ProcessId) - apiCpu, cluster.CpuTime() - pgCpu);
        var closeRss = api.PhasePeakRssMb;
        figures.Add(new Figure("close", size, close, "s", Note: $"{size:N0} subjects × {(double)scenario.Assignments / size:0.0} raters × 8 behaviors; "
            + $"CPU: API {apiCpu.TotalSeconds:0.0} s, PostgreSQL {pgCpu.TotalSeconds:0.0} s; RSS peak {closeRss:N0} MB"));
        figures.Add(new Figure("close.vs_plain_aggregation", size, close / aggregation, "×", Goal: "≤ 3", Met: close / aggregation <= 3));

        // Autovacuum visits the tables a close (and the COPY seeding) just filled within a minute or so, and on 2 cores
        // its pass would land inside the report runs below: done now, so they measure the steady state.
        var settle = Stopwatch.StartNew();
        await cluster.ExecuteAsync("feedback", "VACUUM (ANALYZE) subject_reports, sheets, assignments", ct);
        Say($"VACUUM (ANALYZE) of the cycle's tables in {settle.Elapsed.TotalSeconds:0.0} s (autovacuum's pass, not timed in the close)");

        Say($"person reports, {ReportClients} clients, {options.ReportSeconds} s");
        var personTargets = await WriteTargetsAsync($"person-{size}.txt", scenario.PersonReportTargets(), ct);
        // Each size starts a fresh API: warmed up as long as the submissions are, so the runs measure the steady state
        // (fully optimized code) rather than the tiered JIT's first passes.
        await LoadGenerators.WrkAsync(api.Url, personTargets, ReportClients, options.WarmupSeconds, null, ct);
        var (person, personCpu) = await MeasuredAsync(
            () => LoadGenerators.WrkAsync(api.Url, personTargets, ReportClients, options.ReportSeconds, null, ct), api.ProcessId);
        AddLoad("reports.person", size, person, "≤ 10 ms p99", person.P99Ms <= 10, personCpu);

        Say($"gap report pages, {ReportClients} clients, {options.ReportSeconds} s");
        var gapPages = await scenario.GapPageTargetsAsync(ct);
        var gapTargets = await WriteTargetsAsync($"gaps-{size}.txt", gapPages, ct);
        await LoadGenerators.WrkAsync(api.Url, gapTargets, ReportClients, options.WarmupSeconds, null, ct);
        var (gaps, gapsCpu) = await MeasuredAsync(
            () => LoadGenerators.WrkAsync(api.Url, gapTargets, ReportClients, options.ReportSeconds, null, ct), api.ProcessId);
        AddLoad("reports.gap_page", size, gaps, "≤ 20 ms p99", gaps.P99Ms <= 20, $"{gapPages.Count} pages of 50 (7 sorts, 3 filters, up to 4,000 rows deep); " + gapsCpu);

        Say("CSV export of the whole gap report");
        api.ResetPhasePeak();
        var rssBefore = api.RssMb;
        var (rows, csvSeconds) = await scenario.ExportCsvAsync(ct);
        figures.Add(new Figure("reports.csv", size, rows / csvSeconds, "rows/s",
            Goal: size == 100_000 ? "100k rows ≤ 3 s" : "", Met: size == 100_000 ? csvSeconds <= 3 : null,
            Note: $"{rows:N0} rows in {csvSeconds:0.00} s; RSS {rssBefore:N0} → peak {api.PhasePeakRssMb:N0} MB"));

        figures.Add(new Figure("api.peak_rss", size, api.PeakRssMb, "MB", Goal: "≤ 300 MB", Met: api.PeakRssMb <= 300));
        await api.DisposeAsync();
        api = null;
    }

    private async Task RunSubmissionsAsync(CycleScenario scenario, int barePort, CancellationToken ct)
    {
        var clients = options.Clients;
        var seconds = options.SubmissionSeconds;
        var keys = string.Join(',', scenario.LeadershipKeys);
        var apiTargets = await WriteTargetsAsync("leadership.txt",
            scenario.Seeded.Select(a => $"/v1/cycles/{scenario.CycleId}/assignments/{a.Id}/leadership {a.Token}"), ct);
        var bareTargets = await WriteTargetsAsync("bare.txt",
            scenario.Seeded.Select(a => $"/bare/{scenario.CycleId}/{a.Id}/leadership {a.Token}"), ct);

        // PostgreSQL's own limit for the same write: a one-statement upsert of a jsonb row with the same five scores.
        var scripts = LoadGenerators.ScriptsDirectory;
        var rows = scenario.Seeded.Count;
        await RunPsqlFileAsync("pgbench", Path.Combine(scripts, "pgbench-upsert-setup.sql"), $"rows={rows}", ct);

        Say($"warming up the API ({options.WarmupSeconds} s of sheet submissions)");
        await LoadGenerators.WrkAsync(api!.Url, apiTargets, clients, options.WarmupSeconds, keys, ct);

        Say($"pgbench: single-row jsonb upsert, {clients} clients, {seconds} s");
        var (pg, pgCpu) = await MeasuredAsync(() => LoadGenerators.PgbenchAsync(cluster!, "pgbench", Path.Combine(scripts, "pgbench-upsert.sql"),
            clients, seconds, [$"rows={rows}"], options.WorkDirectory, ct), null);
        AddLoad("submissions.pgbench", null, pg, "", null, "PostgreSQL's limit: INSERT … ON CONFLICT DO UPDATE of the same jsonb row; " + pgCpu);

        Say($"API: PUT leadership sheets with rater tokens, {clients} clients, {seconds} s");
        await cluster!.ExecuteAsync("feedback", "SELECT pg_stat_statements_reset()", ct);
        var (viaApi, apiCpu) = await MeasuredAsync(() => LoadGenerators.WrkAsync(api.Url, apiTargets, clients, seconds, keys, ct), api.ProcessId);
        var (statements, statementMs) = await StatementStatsAsync(viaApi.Requests, ct);
        AddLoad("submissions.api", null, viaApi, "", null,
            $"{statements:0.00} statements per request; the sheet statement {statementMs:0.00} ms inside PostgreSQL; {apiCpu}");

        Say($"bare ASP.NET Core + Npgsql endpoint running only the sheet statement, {clients} clients, {seconds} s");
        bare = Process.Start(Shell.Start("dotnet", [typeof(Benchmark).Assembly.Location, "bare", "--urls", $"http://127.0.0.1:{barePort}",
            "--connection", cluster.ConnectionString("feedback"), "--organization", scenario.OrganizationId.ToString()],
            environment: new Dictionary<string, string> { ["DOTNET_gcServer"] = ApiUsesServerGc() ? "1" : "0" }))!;
        bare.OutputDataReceived += (_, _) => { };
        bare.ErrorDataReceived += (_, _) => { };
        bare.BeginOutputReadLine();
        bare.BeginErrorReadLine();
        await WaitForPortAsync(barePort, ct);
        await LoadGenerators.WrkAsync($"http://127.0.0.1:{barePort}", bareTargets, clients, options.WarmupSeconds, keys, ct);
        var (viaBare, bareCpu) = await MeasuredAsync(
            () => LoadGenerators.WrkAsync($"http://127.0.0.1:{barePort}", bareTargets, clients, seconds, keys, ct), bare.Id);
        Shell.Kill(bare);
        bare.Dispose();
        bare = null;
        AddLoad("submissions.bare", null, viaBare, "", null, "no auth, mediator, validation or logging; " + bareCpu);

        figures.Add(new Figure("submissions.api_vs_pgbench", null, viaApi.PerSecond / pg.PerSecond, "×", Goal: "≥ 0.5", Met: viaApi.PerSecond / pg.PerSecond >= 0.5));
        figures.Add(new Figure("submissions.api_vs_bare", null, viaApi.PerSecond / viaBare.PerSecond, "×", Goal: "≥ 0.8", Met: viaApi.PerSecond / viaBare.PerSecond >= 0.8));
        figures.Add(new Figure("submissions.api_p99_vs_pgbench_p99", null, viaApi.P99Ms / pg.P99Ms, "×", Goal: "≤ 4", Met: viaApi.P99Ms / pg.P99Ms <= 4));
    }

    private void AddCrossSizeFigures()
    {
        if (figures.Value("close", 100_000) is { } big && figures.Value("close", 10_000) is { } small)
        {
            figures.Add(new Figure("close.linearity", null, big / small, "×", Goal: "close(100k)/close(10k) ≤ 12", Met: big / small <= 12));
        }
    }

    /// <summary>Runs a load and says what it cost in CPU per request: the API's process and PostgreSQL's (whatever the
    /// machine's load, CPU time is the figure that does not depend on it).</summary>
    private async Task<(LoadResult Result, string Cpu)> MeasuredAsync(Func<Task<LoadResult>> run, int? serverProcessId)
    {
        var server = serverProcessId is { } pid ? Shell.CpuTime(pid) : TimeSpan.Zero;
        var database = cluster!.CpuTime();
        var result = await run();
        var serverMs = ((serverProcessId is { } p ? Shell.CpuTime(p) : TimeSpan.Zero) - server).TotalMilliseconds;
        var databaseMs = (cluster.CpuTime() - database).TotalMilliseconds;
        var perRequest = Math.Max(1, result.Requests);
        var cpu = (serverProcessId is null ? "" : $"server {serverMs * 1000 / perRequest:0} µs + ")
            + $"PostgreSQL {databaseMs * 1000 / perRequest:0} µs CPU per request";
        return (result, cpu);
    }

    private void AddLoad(string name, int? size, LoadResult r, string goal, bool? met, string note = "") =>
        figures.Add(new Figure(name, size, r.PerSecond, "/s", r.P50Ms, r.P99Ms, goal, met, r.Load,
            (r.Errors > 0 ? $"{r.Errors} errors! " : "") + note));

    /// <summary>Statements PostgreSQL ran per request (round trips and resets), and the sheet statement's mean time.</summary>
    private async Task<(double PerRequest, double SheetStatementMs)> StatementStatsAsync(long requests, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(cluster!.ConnectionString("feedback"));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(calls), 0)::float8,
                   coalesce(sum(total_exec_time) FILTER (WHERE query LIKE '%INSERT INTO sheets%')
                            / nullif(sum(calls) FILTER (WHERE query LIKE '%INSERT INTO sheets%'), 0), 0)::float8
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid AND d.datname = 'feedback'
            WHERE query NOT LIKE '%pg_stat_statements%' AND toplevel
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetDouble(0) / Math.Max(1, requests), reader.GetDouble(1));
    }

    private async Task RunPsqlFileAsync(string database, string file, string variable, CancellationToken ct) =>
        await Shell.RunAsync(Path.Combine(cluster!.Bin, "psql"), ["-q", "-v", "ON_ERROR_STOP=1", "-v", variable, "-d", database, "-f", file], ct,
            environment: cluster.ClientEnvironment);

    private async Task<string> WriteTargetsAsync(string name, IEnumerable<string> lines, CancellationToken ct)
    {
        var path = Path.Combine(options.WorkDirectory, name);
        await File.WriteAllLinesAsync(path, lines, ct);
        return path;
    }

    /// <summary>The bare endpoint runs with the API's garbage collector (its runtimeconfig.json), so they compare fairly.</summary>
    private bool ApiUsesServerGc()
    {
        var config = Path.Combine(options.WorkDirectory, "api", "Feedback.Api.runtimeconfig.json");
        if (!File.Exists(config))
        {
            return false;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(config));
        return document.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean();
    }

    private static async Task WaitForPortAsync(int port, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(200, ct);
            }
        }

        throw new InvalidOperationException($"the bare endpoint did not listen on {port}");
    }

    private static async Task EnsureToolsAsync(CancellationToken ct)
    {
        if (Shell.Which("wrk") is null)
        {
            if (!Shell.IsRoot || Shell.Which("apt-get") is null)
            {
                throw new InvalidOperationException("wrk is missing; install it (Debian/Ubuntu: apt-get install -y wrk)");
            }

            Say("installing wrk with apt-get");
            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            await Shell.RunAsync("apt-get", ["update", "-qq"], ct, environment: environment);
            await Shell.RunAsync("apt-get", ["install", "-y", "-qq", "wrk"], ct, environment: environment);
        }

        var bin = PostgresCluster.FindBinaries();
        if (!File.Exists(Path.Combine(bin, "pgbench")))
        {
            throw new InvalidOperationException($"pgbench is not next to pg_ctl in {bin} (Debian: it ships with postgresql-NN)");
        }
    }

    private static async Task<string> GitCommitAsync(string root, CancellationToken ct)
    {
        try
        {
            var head = (await Shell.RunAsync("git", ["-C", root, "rev-parse", "--short", "HEAD"], ct)).Trim();
            var dirty = (await Shell.RunAsync("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"], ct)).Trim().Length > 0;
            return head + (dirty ? " (with uncommitted changes)" : "");
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private string Summary(string commit)
    {
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"""
            Feedback benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, API at commit {commit} ({options.ApiSource})
            machine: {Environment.ProcessorCount} cores, {double.Parse(memory, CultureInfo.InvariantCulture) / 1048576:0} GiB; load average (1/5/15 min) at start {startLoad}, at end {Shell.Load()}
            PostgreSQL {cluster?.Version} (fsync and synchronous_commit on, shared_buffers 1GB), .NET {Environment.Version}
            submissions: {options.Clients} clients, {options.SubmissionSeconds} s each, on the {options.Sizes.Min():N0}-subject cycle; reports: {ReportClients} clients, {options.ReportSeconds} s each
            cycles: people imported and assignments generated through the API (peer cap {CycleScenario.MaxPeers}), sheets seeded with COPY

            {figures.Table()}
            load = 1-minute load average right after the figure was taken; BENCH lines above and in {Path.Combine(options.WorkDirectory, "results.jsonl")}
            """;
    }

    public async ValueTask DisposeAsync()
    {
        if (bare is not null)
        {
            Shell.Kill(bare);
            bare.Dispose();
        }

        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
