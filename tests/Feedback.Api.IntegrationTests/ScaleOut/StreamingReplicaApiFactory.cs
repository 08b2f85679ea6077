using System.Collections.Concurrent;
using Feedback.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.IntegrationTests.ScaleOut;

/// <summary>
/// The API on a primary of its own with a real streaming replica (<c>pg_basebackup -R</c>) behind
/// <c>ConnectionStrings__FeedbackReadOnly</c>. Its own servers, not the shared test database: the tests stop the
/// replica and pause its replay. Each connection string has its own application_name, so the servers can tell
/// which of the API's connections ran what.
/// </summary>
public sealed class StreamingReplicaApiFactory : FeedbackApiFactory
{
    public const string Database = "feedback";
    public const string ReportReads = "feedback-report-reads";

    public PostgresCluster Primary { get; private set; } = null!;
    public PostgresCluster Replica { get; private set; } = null!;

    /// <summary>Every warning the API logged about falling back to the primary.</summary>
    public ConcurrentQueue<string> FallbackLogs { get; } = new();

    public override async Task InitializeAsync()
    {
        try
        {
            await StartServersAsync();
        }
        catch
        {
            await DisposeAsync(); // xunit does not dispose a fixture whose start failed: stop what did start
            throw;
        }
    }

    private async Task StartServersAsync()
    {
        Primary = await PostgresCluster.StartPrimaryAsync();
        var options = new DbContextOptionsBuilder<FeedbackDbContext>()
            .UseNpgsql(Primary.ConnectionString(Database))
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new FeedbackDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        Replica = await PostgresCluster.StandbyOfAsync(Primary);
        Assert.True(await Replica.QueryAsync<bool>(Database, "SELECT pg_is_in_recovery()"), "the replica is not a standby");
    }

    protected override string DatabaseConnectionString() => Primary.ConnectionString(Database, "feedback-primary");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:FeedbackReadOnly", Replica.ConnectionString(Database, ReportReads));
        builder.ConfigureLogging(l => l.AddProvider(new FallbackLogCapture(FallbackLogs)));
    }

    /// <summary>Waits until the replica has replayed everything the primary wrote so far.</summary>
    public async Task WaitForReplayAsync()
    {
        var written = await Primary.QueryAsync<string>(Database, "SELECT pg_current_wal_lsn()::text");
        for (var tries = 0; !await Replica.QueryAsync<bool>(Database, $"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn"); tries++)
        {
            Assert.True(tries < 200, $"the replica never replayed up to {written}");
            await Task.Delay(50);
        }
    }

    /// <summary>Statements the API's report connections last ran on <paramref name="server"/> (pg_stat_activity).</summary>
    public static async Task<List<string>> ReportConnectionQueriesAsync(PostgresCluster server)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server.ProbeConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT query FROM pg_stat_activity WHERE application_name = @name AND backend_type = 'client backend'", connection);
        command.Parameters.AddWithValue("name", ReportReads);
        var queries = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            queries.Add(reader.GetString(0));
        }

        return queries;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (Replica is not null)
        {
            await Replica.DisposeAsync();
        }

        if (Primary is not null)
        {
            await Primary.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private sealed class FallbackLogCapture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                if (category.EndsWith("ReplicaReads", StringComparison.Ordinal))
                {
                    lines.Enqueue(message);
                }
            }
        }
    }
}
