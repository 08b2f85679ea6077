using System.Globalization;
using System.Text.RegularExpressions;

namespace Feedback.Benchmarks;

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(double PerSecond, double P50Ms, double P99Ms, long Requests, long Errors, string Load);

/// <summary>
/// The load generators. HTTP: wrk, a C program, so the two cores spend their time in the API rather than in the load
/// generator (an HttpClient loop costs about as much CPU per request as the endpoint it measures), with the same
/// generator for the API and the bare endpoint. The database limit: pgbench, PostgreSQL's own.
/// </summary>
internal static partial class LoadGenerators
{
    public static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "Scripts");

    /// <summary>wrk with Scripts/rotate.lua over "path token" lines; PUT sheets when <paramref name="keys"/> is set.</summary>
    public static async Task<LoadResult> WrkAsync(string baseUrl, string targetsFile, int clients, int seconds, string? keys, CancellationToken ct,
        string accept = "application/json")
    {
        var threads = Math.Min(clients, 2);
        var output = await Shell.RunAsync("wrk", ["-t", $"{threads}", "-c", $"{clients}", "-d", $"{seconds}s", "--timeout", "10s",
                "-s", Path.Combine(ScriptsDirectory, "rotate.lua"), baseUrl], ct,
            environment: new Dictionary<string, string>
            {
                ["BENCH_TARGETS"] = targetsFile,
                ["BENCH_KEYS"] = keys ?? "",
                ["BENCH_THREADS"] = $"{threads}",
                ["BENCH_ACCEPT"] = accept,
            });
        var load = Shell.Load();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no RESULT line:\n{output}");
        var f = Fields(line);
        return new LoadResult(f["rps"], f["p50_ms"], f["p99_ms"], (long)f["requests"], (long)(f["non2xx"] + f["socket_errors"]), load);
    }

    /// <summary>pgbench with a script file; latency percentiles from its per-transaction log.</summary>
    public static async Task<LoadResult> PgbenchAsync(PostgresCluster cluster, string database, string script, int clients, int seconds,
        IEnumerable<string> variables, string workDirectory, CancellationToken ct)
    {
        var logPrefix = Path.Combine(workDirectory, "pgbench_log");
        foreach (var old in Directory.GetFiles(workDirectory, "pgbench_log*"))
        {
            File.Delete(old);
        }

        var args = new List<string> { "-n", "-M", "prepared", "-c", $"{clients}", "-j", "2", "-T", $"{seconds}", "-l", $"--log-prefix={logPrefix}" };
        args.AddRange(variables.SelectMany(v => new[] { "-D", v }));
        args.AddRange(["-f", script, database]);
        var output = await Shell.RunAsync(Path.Combine(cluster.Bin, "pgbench"), args, ct, environment: cluster.ClientEnvironment,
            workingDirectory: workDirectory);
        var load = Shell.Load();
        var tps = double.Parse(TpsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failed = FailedLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

        // Field 3 of each log line is the transaction's latency in microseconds.
        var latencies = Directory.GetFiles(workDirectory, "pgbench_log*")
            .SelectMany(File.ReadLines)
            .Select(l => l.Split(' '))
            .Where(p => p.Length > 2)
            .Select(p => double.Parse(p[2], CultureInfo.InvariantCulture) / 1000.0)
            .Order()
            .ToArray();
        foreach (var log in Directory.GetFiles(workDirectory, "pgbench_log*"))
        {
            File.Delete(log);
        }

        return new LoadResult(tps, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length, failed, load);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static Dictionary<string, double> Fields(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex FailedLine();
}
