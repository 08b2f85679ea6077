using System.Runtime.InteropServices;

namespace Feedback.Benchmarks;

internal static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "bare")
        {
            return await BareEndpoint.RunAsync(args);
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        var options = BenchmarkOptions.Parse(args, RepositoryRoot());

        // Ctrl-C, kill and a closed terminal all end the run through the same path: cancel, then stop what was started.
        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            Console.Error.WriteLine($"bench: {context.Signal}, stopping and cleaning up");
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

        await using var benchmark = new Benchmark(options);
        try
        {
            return await benchmark.RunAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or Npgsql.NpgsqlException or ArgumentException)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            Console.Error.WriteLine($"bench: logs in {options.WorkDirectory}");
            return 1;
        }
    }

    /// <summary>The checkout this program was built from (it lives in tests/Feedback.Benchmarks/bin/...).</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
