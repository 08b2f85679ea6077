using System.Diagnostics;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>The machine's PostgreSQL client and server programs (pg_dump, pg_ctl, initdb).</summary>
public static class PostgresTools
{
    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c>, or the folder of a program on PATH.</summary>
    public static string BinDirectory()
    {
        var root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_dump")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("pg_dump not found: install PostgreSQL (apt-get install -y postgresql).");
    }

    /// <summary>A plain-text <c>pg_dump</c> of the database <paramref name="connectionString"/> names: what a backup holds.</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(BinDirectory(), "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--no-owner", "--no-privileges", "--format=plain" })
        {
            start.ArgumentList.Add(arg);
        }

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
