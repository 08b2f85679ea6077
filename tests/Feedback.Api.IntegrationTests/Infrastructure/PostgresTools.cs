using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Running this machine's PostgreSQL programs for tests that need servers of their own (a streaming replica, a
/// failover group). PostgreSQL refuses to run as root, so as root every program runs as the <c>postgres</c> user.
/// </summary>
internal static class PostgresTools
{
    public static bool AsRoot => Environment.UserName == "root";

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c>, or <paramref name="major"/>'s.</summary>
    public static string Bin(int? major = null)
    {
        var root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, "bin", "pg_ctl")))
                .Select(d => (Major: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(d => major is null || d.Major == major)
                .OrderByDescending(d => d.Major)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "This test starts PostgreSQL servers of its own and needs the PostgreSQL server binaries "
            + $"({root}/{major?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "N"}/bin): `apt-get install -y postgresql` (bash .ci/run does it).");
    }

    /// <summary>A new empty folder under the temp folder that the server's user owns.</summary>
    public static async Task<string> NewFolderAsync(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (AsRoot)
        {
            await RunAsync("chown", asPostgres: false, "postgres:postgres", dir);
        }

        return dir;
    }

    public static void DeleteFolder(string dir)
    {
        try
        {
            Directory.Delete(dir, true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program to its end; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string file, bool asPostgres, params string[] args)
    {
        using var process = Process.Start(StartInfo(file, asPostgres, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }

        return await stdout;
    }

    /// <summary>
    /// Starts a long-running program (a keeper) as the leader of a new process group, with its output appended to
    /// <paramref name="log"/>. The group's id is the returned process's id: <see cref="KillGroupAsync"/> ends it and
    /// everything it started, even children that were orphaned.
    /// </summary>
    public static Process StartGroup(string file, bool asPostgres, string log, params string[] args)
    {
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in (asPostgres && AsRoot ? ["runuser", "-u", "postgres", "--", file] : new[] { file }).Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        var gate = new Lock();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    File.AppendAllText(log, line + "\n");
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL to a whole process group (see <see cref="StartGroup"/>).</summary>
    public static async Task KillGroupAsync(int group)
    {
        try
        {
            await RunAsync("kill", asPostgres: false, "-KILL", "--", $"-{group}");
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static ProcessStartInfo StartInfo(string file, bool asPostgres, string[] args)
    {
        var start = new ProcessStartInfo(asPostgres && AsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && AsRoot)
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

        return start;
    }

    /// <summary>A plain-text <c>pg_dump</c> of the database <paramref name="connectionString"/> names: what a backup holds.</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var c = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var start = StartInfo(Path.Combine(Bin(), "pg_dump"), asPostgres: false, ["--no-owner", "--no-privileges", "--format=plain"]);
        start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = c.Username;
        start.Environment["PGDATABASE"] = c.Database;
        if (!string.IsNullOrEmpty(c.Password))
        {
            start.Environment["PGPASSWORD"] = c.Password;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
