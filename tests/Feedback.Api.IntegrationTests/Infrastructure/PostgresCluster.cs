using Npgsql;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the machine's binaries in a folder of its own, on a free loopback port: for tests that
/// stop a server, pause its replay or make a streaming replica of it (<see cref="StandbyOfAsync"/>), which the shared
/// test database must never suffer. Deleted on dispose (and at exit, if a test run is cut short).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string folder;
    private bool running;

    private PostgresCluster(string bin, string folder)
    {
        this.bin = bin;
        this.folder = folder;
        Port = PostgresTools.FreePort();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public int Port { get; }

    private string Data => Path.Combine(folder, "data");

    /// <summary>A new primary: initdb, started (replication is allowed from 127.0.0.1 by initdb's defaults).</summary>
    public static async Task<PostgresCluster> StartPrimaryAsync()
    {
        var cluster = new PostgresCluster(PostgresTools.Bin(), await PostgresTools.NewFolderAsync("feedback-pgc"));
        await PostgresTools.RunAsync(Path.Combine(cluster.bin, "initdb"), asPostgres: true,
            "-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        await cluster.StartAsync();
        return cluster;
    }

    /// <summary>A hot standby of <paramref name="primary"/>, streaming from it: <c>pg_basebackup -R</c>, started.</summary>
    public static async Task<PostgresCluster> StandbyOfAsync(PostgresCluster primary)
    {
        var cluster = new PostgresCluster(primary.bin, await PostgresTools.NewFolderAsync("feedback-pgc"));
        await PostgresTools.RunAsync(Path.Combine(cluster.bin, "pg_basebackup"), asPostgres: true,
            "-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
            "-D", cluster.Data, "-R", "-X", "stream", "-c", "fast", "--no-sync");
        await cluster.StartAsync();
        return cluster;
    }

    public string ConnectionString(string database, string? applicationName = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        ApplicationName = applicationName,
        Timeout = 3,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>For the tests' own look at the server: unpooled, so a restart leaves no broken connection behind.</summary>
    public string ProbeConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString;

    public async Task StartAsync()
    {
        var settings = $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c max_connections=200 -c max_wal_senders=5 -c hot_standby=on";
        await PostgresTools.RunAsync(Path.Combine(bin, "pg_ctl"), asPostgres: true,
            "-D", Data, "-l", Path.Combine(folder, "log"), "-o", settings, "-w", "start");
        running = true;
    }

    /// <summary>Stops at once, as a crash would (open connections are cut).</summary>
    public async Task StopAsync()
    {
        if (running)
        {
            running = false;
            await PostgresTools.RunAsync(Path.Combine(bin, "pg_ctl"), asPostgres: true, "-D", Data, "-m", "immediate", "-w", "stop");
        }
    }

    public async Task<T> QueryAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ProbeConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
        }

        PostgresTools.DeleteFolder(folder);
    }
}
