using System.Security.Cryptography;
using Npgsql;

namespace Feedback.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL cluster for one benchmark run, from the machine's server binaries (as the postgres user when
/// run as root), listening on 127.0.0.1 only, with fsync and synchronous_commit on (the server's defaults, as in
/// production). Disposing stops it and deletes its folder unless <c>--keep</c>.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string directory;
    private readonly bool keep;
    private bool started;

    private PostgresCluster(string bin, string directory, int port, string password, bool keep)
    {
        this.bin = bin;
        this.directory = directory;
        this.keep = keep;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    public string Version { get; private set; } = "?";

    public string Bin => bin;

    public string DataDirectory => Path.Combine(directory, "data");

    /// <summary>The connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = "postgres",
        Password = Password,
        CommandTimeout = 600,
        MaxPoolSize = 300,
    }.ConnectionString;

    /// <summary>Environment for pgbench and psql.</summary>
    public Dictionary<string, string> ClientEnvironment => new()
    {
        ["PGHOST"] = "127.0.0.1",
        ["PGPORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PGUSER"] = "postgres",
        ["PGPASSWORD"] = Password,
    };

    public static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        return (Directory.Exists(root) ? Directory.GetDirectories(root) : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install -y postgresql), or set PG_BIN.");
    }

    public static async Task<PostgresCluster> StartAsync(string bin, int port, bool keep, Action<string> say, CancellationToken ct)
    {
        // /var/tmp: reachable by the postgres user whatever the checkout's permissions (e.g. under /root).
        var directory = Path.Combine("/var/tmp", $"feedback-bench-{Environment.ProcessId}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, true);
        }

        Directory.CreateDirectory(directory);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var cluster = new PostgresCluster(bin, directory, port, password, keep);
        var passwordFile = Path.Combine(directory, "pw");
        await File.WriteAllTextAsync(passwordFile, password, ct);
        if (Shell.IsRoot)
        {
            await Shell.RunAsync("chown", ["-R", "postgres:postgres", directory], ct);
        }

        await Shell.RunAsync(Path.Combine(bin, "initdb"), ["-D", cluster.DataDirectory, "-U", "postgres", $"--pwfile={passwordFile}",
            "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"], ct, asPostgres: true);
        File.Delete(passwordFile);

        // Said in the results: shared_buffers large enough for the 100k cycle's sheets; WAL sized so seeding does not
        // checkpoint every few seconds. Durability as shipped: fsync and synchronous_commit stay on.
        await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

            # feedback benchmark
            listen_addresses = '127.0.0.1'
            port = {port}
            unix_socket_directories = ''
            max_connections = 300
            shared_buffers = '1GB'
            max_wal_size = '8GB'
            checkpoint_timeout = '15min'
            shared_preload_libraries = 'pg_stat_statements'
            log_min_duration_statement = -1
            """, ct);
        cluster.started = true;
        await Shell.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", cluster.DataDirectory, "-l", Path.Combine(directory, "server.log"),
            "-w", "-t", "120", "start"], ct, asPostgres: true);

        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync(ct);
            await using var version = new NpgsqlCommand("SHOW server_version", connection);
            cluster.Version = (string)(await version.ExecuteScalarAsync(ct))!;
        }

        say($"PostgreSQL {cluster.Version} on 127.0.0.1:{port} (data in {cluster.DataDirectory})");
        return cluster;
    }

    /// <summary>CPU time PostgreSQL has used so far (the postmaster and its current backends and workers).</summary>
    public TimeSpan CpuTime()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid) ? Shell.TreeCpuTime(pid) : TimeSpan.Zero;
    }

    public async Task ExecuteAsync(string database, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (started)
        {
            try
            {
                await Shell.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None, asPostgres: true);
            }
            catch (InvalidOperationException)
            {
                // not running any more
            }
        }

        if (!keep && Directory.Exists(directory))
        {
            Directory.Delete(directory, true);
        }
    }
}
