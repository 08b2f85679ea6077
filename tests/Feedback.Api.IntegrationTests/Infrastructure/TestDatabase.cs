using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL per test run, migrated with the real migrations. Where it comes from, in order:
/// <c>FEEDBACK_TEST_DB</c> (a connection string), Testcontainers when a Docker engine answers, or a throwaway
/// cluster from this machine's PostgreSQL binaries. Never SQLite or an in-memory provider.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> Instance = new(StartAsync);

    /// <summary>The connection string of the migrated test database.</summary>
    public static Task<string> ConnectionStringAsync() => Instance.Value;

    private static async Task<string> StartAsync()
    {
        var server = await StartServerAsync();
        var builder = new NpgsqlConnectionStringBuilder(server)
        {
            Database = $"feedback_test_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}",
            IncludeErrorDetail = true,
        };

        var options = new DbContextOptionsBuilder<FeedbackDbContext>()
            .UseNpgsql(builder.ConnectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        await using var db = new FeedbackDbContext(options);
        await db.Database.MigrateAsync(); // creates the database, then applies every migration
        return builder.ConnectionString;
    }

    private static async Task<string> StartServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable("FEEDBACK_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var container = await ContainerServer.TryStartAsync();
        if (container is not null)
        {
            return container;
        }

        var local = await LocalPostgresServer.TryStartAsync();
        return local ?? throw new InvalidOperationException(
            "No PostgreSQL for the integration tests. Set FEEDBACK_TEST_DB to a connection string, start a Docker engine "
            + "(Testcontainers), or install PostgreSQL's server binaries (e.g. `apt-get install -y postgresql`).");
    }
}
