using System.Globalization;

namespace Feedback.Benchmarks;

/// <summary>Command line of the benchmark (see <see cref="Usage"/>).</summary>
internal sealed record BenchmarkOptions(
    IReadOnlyList<int> Sizes, int Clients, int SubmissionSeconds, int ReportSeconds, int WarmupSeconds, string ApiSource,
    string WorkDirectory, int PortBase, bool Keep, bool Quick, bool SkipSubmissions)
{
    public const string Usage = """
        Feedback benchmark: starts its own PostgreSQL and the API (Release), prints one table and one BENCH line per figure.

          dotnet run -c Release --project tests/Feedback.Benchmarks -- [options]

          --quick              sizes 1,000 and 10,000, shorter runs (for iteration)
          --sizes 1000,10000   cycle sizes in subjects (default 1000,10000,100000)
          --clients 32         concurrent connections for the submission runs (pgbench, API, bare endpoint alike)
          --seconds 20         length of each submission run (quick: 10)
          --report-seconds 10  length of each report run, 8 clients (quick: 5)
          --warmup 20          load before each measured API, bare-endpoint and report run: the steady state is measured (quick: 5)
          --api-source DIR     build the API from another checkout (e.g. a worktree of main, for "before" figures)
          --work DIR           logs and results (default .local/bench)
          --port-base 5130     API on the first free port from here, bare endpoint next, PostgreSQL from +5
          --keep               keep the PostgreSQL folder afterwards
          --skip-submissions   no submission runs (close and reports only)
        """;

    public static BenchmarkOptions Parse(string[] args, string repositoryRoot)
    {
        var quick = args.Contains("--quick");
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var known = new[] { "--quick", "--keep", "--skip-submissions", "--sizes", "--clients", "--seconds", "--report-seconds", "--warmup", "--api-source", "--work", "--port-base" };
        var unknown = args.Where((a, i) => a.StartsWith("--", StringComparison.Ordinal) && !known.Contains(a)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option {string.Join(", ", unknown)}\n\n{Usage}");
        }

        var sizes = Value("--sizes") is { } s
            ? s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList()
            : quick ? [1000, 10_000] : [1000, 10_000, 100_000];
        return new BenchmarkOptions(
            sizes,
            Int("--clients", 32),
            Int("--seconds", quick ? 10 : 20),
            Int("--report-seconds", quick ? 5 : 10),
            Int("--warmup", quick ? 5 : 20),
            Path.GetFullPath(Value("--api-source") ?? repositoryRoot),
            Path.GetFullPath(Value("--work") ?? Path.Combine(repositoryRoot, ".local", "bench")),
            Int("--port-base", 5130),
            args.Contains("--keep"),
            quick,
            args.Contains("--skip-submissions"));
    }
}
