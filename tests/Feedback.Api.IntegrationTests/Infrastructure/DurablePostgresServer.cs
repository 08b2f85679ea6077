using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A cluster of its own with PostgreSQL's default durability (fsync and synchronous_commit on), unlike the fast shared
/// test cluster, for the tests that crash things and count what survived. Migrated with the real migrations.
/// </summary>
public sealed class DurablePostgresServer : IAsyncDisposable
{
    private readonly string bin;
    private readonly string dir;
    private readonly bool asRoot = Environment.UserName == "root";

    private DurablePostgresServer(string bin, string dir, int port)
    {
        this.bin = bin;
        this.dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=feedback;Timeout=5;Command Timeout=30";

    private string Data => Path.Combine(dir, "data");

    public static async Task<DurablePostgresServer> StartAsync()
    {
        var bin = LocalPostgresServer.FindBinaries()
            ?? throw new InvalidOperationException("This test needs the PostgreSQL server binaries (apt-get install -y postgresql).");
        var dir = Path.Combine(Path.GetTempPath(), $"feedback-pg-durable-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var server = new DurablePostgresServer(bin, dir, LocalPostgresServer.FreePort());
        if (server.asRoot)
        {
            await LocalPostgresServer.RunAsync("chown", false, "postgres:postgres", dir);
        }

        await LocalPostgresServer.RunAsync(Path.Combine(bin, "initdb"), server.asRoot, "-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8");
        await server.StartServerAsync();
        var options = new DbContextOptionsBuilder<FeedbackDbContext>().UseNpgsql(server.ConnectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new FeedbackDbContext(options);
        await db.Database.MigrateAsync();
        return server;
    }

    public Task StartServerAsync() => LocalPostgresServer.RunAsync(Path.Combine(bin, "pg_ctl"), asRoot, "-D", Data, "-l", Path.Combine(dir, "log"),
        "-o", $"-p {Port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=200", "-w", "-t", "60", "start");

    /// <summary>Like a power cut for the server processes: no checkpoint, no flush beyond what was already fsynced.</summary>
    public Task StopImmediateAsync() => LocalPostgresServer.RunAsync(Path.Combine(bin, "pg_ctl"), asRoot, "-D", Data, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopImmediateAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, true);
        }
        catch (IOException)
        {
        }
    }
}
