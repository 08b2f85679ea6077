using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway cluster from the machine's PostgreSQL binaries (initdb + pg_ctl in a temp dir, on a free loopback
/// port). PostgreSQL refuses to run as root, so as root it runs as the <c>postgres</c> user.
/// </summary>
internal static class LocalPostgresServer
{
    public static async Task<string?> TryStartAsync()
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            return null;
        }

        var asRoot = Environment.UserName == "root";
        RemoveStaleClusters();
        var dir = Path.Combine(Path.GetTempPath(), $"feedback-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (asRoot)
        {
            await RunAsync("chown", false, "postgres:postgres", dir);
        }

        var data = Path.Combine(dir, "data");
        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), asRoot, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        var settings = $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), asRoot, "-D", data, "-l", Path.Combine(dir, "log"), "-o", settings, "-w", "start");

        // The test host is often killed by the runner right after the last test, before (or during) ProcessExit, which
        // left the 90 MB cluster behind. A detached watchdog outlives it: once this process is gone, it stops the server
        // and deletes the folder. ProcessExit does the same sooner when it gets the chance.
        StartWatchdog(bin, asRoot, data, dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(Path.Combine(bin, "pg_ctl"), asRoot, "-D", data, "-m", "immediate", "stop").GetAwaiter().GetResult();
                Directory.Delete(dir, true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // the watchdog finishes the job
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static void StartWatchdog(string bin, bool asRoot, string data, string dir)
    {
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var stop = asRoot ? $"runuser -u postgres -- '{pgCtl}'" : $"'{pgCtl}'";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"{stop} -D '{data}' -m immediate stop >/dev/null 2>&1; rm -rf '{dir}'";
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-f", "bash", "-c", script })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start);
        process?.WaitForExit(5000); // setsid -f returns at once; the watchdog runs on in its own session
    }

    /// <summary>Earlier runs that were killed before their exit handler finished leave folders behind.</summary>
    private static void RemoveStaleClusters()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "feedback-pg-*"))
        {
            if (File.Exists(Path.Combine(stale, "data", "postmaster.pid"))
                || Directory.GetLastWriteTimeUtc(stale) > DateTime.UtcNow - TimeSpan.FromMinutes(30))
            {
                continue; // still running, or just made by a test of this run that has not started its server yet
            }

            try
            {
                Directory.Delete(stale, true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    internal static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task RunAsync(string file, bool asPostgres, params string[] args)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
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

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
