using System.Text;
using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Migrations;

/// <summary>One migration's SQL as EF Core generates it from the migration's code: its Up and Down commands.</summary>
public sealed record MigrationSql(string Id, IReadOnlyList<string> Up, IReadOnlyList<string> Down)
{
    public const string Separator = "-- ---- next command ----";

    public static string Render(IReadOnlyList<string> commands) =>
        string.Join($"\n{Separator}\n", commands.Select(c => c.Trim())) + "\n";

    public static IReadOnlyList<string> Parse(string text) =>
        text.Split($"\n{Separator}\n").Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
}

/// <summary>
/// The migrations in the API assembly, their generated SQL, and the snapshots of the SQL each shipped with
/// (<c>Migrations/Shipped/*.sql</c> in this project: what a database migrated at that time actually ran).
/// </summary>
public static class ShippedMigrations
{
    public static string SnapshotDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "Feedback.Api.IntegrationTests", "Migrations", "Shipped");

    public static DbContextOptions<FeedbackDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<FeedbackDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;

    /// <summary>Every migration, oldest first, with the SQL its code generates now.</summary>
    public static IReadOnlyList<MigrationSql> Generate(string connectionString)
    {
        using var db = new FeedbackDbContext(Options(connectionString));
        var assembly = db.GetService<IMigrationsAssembly>();
        var generator = db.GetService<IMigrationsSqlGenerator>();
        var initializer = db.GetService<IModelRuntimeInitializer>();
        IModel? Finalize(IModel? model) => model is IMutableModel mutable
            ? initializer.Initialize(mutable.FinalizeModel(), designTime: true, validationLogger: null)
            : model;

        var result = new List<MigrationSql>();
        IModel? previous = null;
        foreach (var (id, type) in assembly.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var migration = assembly.CreateMigration(type, db.Database.ProviderName!);
            var target = Finalize(migration.TargetModel) ?? previous;
            var up = generator.Generate(migration.UpOperations, target).Select(c => c.CommandText).ToList();
            var down = generator.Generate(migration.DownOperations, previous).Select(c => c.CommandText).ToList();
            result.Add(new MigrationSql(id, up, down));
            previous = target;
        }

        return result;
    }

    public static string UpFile(string id) => Path.Combine(SnapshotDirectory, $"{id}.up.sql");

    public static string DownFile(string id) => Path.Combine(SnapshotDirectory, $"{id}.down.sql");

    /// <summary>
    /// The definitions a database's behaviour depends on, one line each, sorted: functions (full source), triggers,
    /// tables' columns, constraints and indexes of the public schema (EF's history table left out).
    /// </summary>
    public static async Task<string> CatalogAsync(string connectionString)
    {
        await using var db = new FeedbackDbContext(Options(connectionString));
        var lines = await db.Database.SqlQueryRaw<string>("""
            SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || pg_get_functiondef(p.oid) AS "Value"
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public'
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(t.oid) || CASE t.tgenabled WHEN 'D' THEN ' (disabled)' ELSE '' END
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND NOT t.tgisinternal
            UNION ALL
            SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' || c.data_type || coalesce('(' || c.character_maximum_length || ')', '')
                   || ' ' || c.is_nullable || ' ' || coalesce(c.column_default, '') || ' #' || c.ordinal_position
                   || ' compression ' || coalesce(nullif(a.attcompression::text, ''), '-')
                   || coalesce(' collate ' || c.collation_name, '')
            FROM information_schema.columns c
            JOIN pg_attribute a ON a.attrelid = ('public.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
            WHERE c.table_schema = 'public' AND c.table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'constraint ' || cl.relname || '.' || co.conname || ' ' || pg_get_constraintdef(co.oid)
            FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
            WHERE n.nspname = 'public' AND cl.relname <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            """).ToListAsync();
        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    /// <summary>Runs commands one by one on a database, as the migrator would (one command each).</summary>
    public static async Task ExecuteAsync(string connectionString, IEnumerable<string> commands)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var text in commands)
        {
            await using var command = new NpgsqlCommand(text, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A fresh, empty database on the test server; dropped when the returned handle is disposed.</summary>
    public static async Task<ScratchDatabase> CreateDatabaseAsync(string anyConnectionString, string purpose)
    {
        var builder = new NpgsqlConnectionStringBuilder(anyConnectionString) { Database = $"scratch_{purpose}_{Guid.NewGuid():N}"[..40], Pooling = false };
        var admin = new NpgsqlConnectionStringBuilder(anyConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, [$"CREATE DATABASE \"{builder.Database}\""]);
        return new ScratchDatabase(builder.ConnectionString, admin, builder.Database!);
    }

    /// <summary>A line-by-line difference for failure messages: what only one side has.</summary>
    public static string Difference(string expected, string actual, string expectedName, string actualName)
    {
        var e = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
        var a = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in e.Where(l => !a.Contains(l)))
        {
            text.Append("only in ").Append(expectedName).Append(": ").AppendLine(line.Length > 400 ? line[..400] + "…" : line);
        }

        foreach (var line in a.Where(l => !e.Contains(l)))
        {
            text.Append("only in ").Append(actualName).Append(": ").AppendLine(line.Length > 400 ? line[..400] + "…" : line);
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Feedback.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A database the test made for itself.</summary>
public sealed class ScratchDatabase(string connectionString, string adminConnectionString, string name) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync() =>
        await ShippedMigrations.ExecuteAsync(adminConnectionString, [$"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"]);
}
