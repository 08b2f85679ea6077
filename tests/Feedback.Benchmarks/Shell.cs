using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Feedback.Benchmarks;

/// <summary>Child processes, the machine's load and free loopback ports.</summary>
internal static class Shell
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The 1, 5 and 15 minute load averages, as /proc/loadavg says them.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static double Load1() =>
        double.TryParse(Load().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var l) ? l : double.NaN;

    /// <summary>Runs a command to its end; throws with its output when it fails. As root, <paramref name="asPostgres"/> runs it as postgres.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, CancellationToken ct, bool asPostgres = false,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = Start(file, args, asPostgres, environment, workingDirectory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}):\n{Tail(output, 40)}");
        }

        return output;
    }

    public static ProcessStartInfo Start(string file, IEnumerable<string> args, bool asPostgres = false,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var viaRunuser = asPostgres && IsRoot;
        var start = new ProcessStartInfo(viaRunuser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (viaRunuser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }

    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The first port from <paramref name="from"/> on which nothing listens on 127.0.0.1.</summary>
    public static int FreePort(int from, int span = 10)
    {
        for (var port = from; port < from + span; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"no free loopback port in {from}..{from + span - 1}; pass --port-base");
    }

    public static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
