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

    /// <summary>CPU time (user + system) a process has used so far, from /proc/PID/stat; zero when it is gone.</summary>
    public static TimeSpan CpuTime(int processId, bool withReapedChildren = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields after "pid (comm) ", from state (3rd)
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (withReapedChildren)
            {
                // cutime, cstime: children that have exited (e.g. a backend whose connection closed)
                ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }

            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>CPU time of a process and its children, running or exited (PostgreSQL's postmaster and its backends).</summary>
    public static TimeSpan TreeCpuTime(int rootProcessId)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
                {
                }
            }
        }

        var total = CpuTime(rootProcessId, withReapedChildren: true);
        foreach (var (pid, parent) in parents)
        {
            if (parent == rootProcessId)
            {
                total += CpuTime(pid);
            }
        }

        return total;
    }

    public static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
