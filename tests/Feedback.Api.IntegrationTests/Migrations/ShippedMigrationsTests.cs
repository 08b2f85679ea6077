using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Feedback.Api.IntegrationTests.Migrations.ShippedMigrations;

namespace Feedback.Api.IntegrationTests.Migrations;

/// <summary>
/// A migration never changes once it has shipped: databases migrated with it keep what it did, so an edit in place
/// (as aeb97bf did to the sheet trigger) splits the world into databases with the old objects and databases with the
/// new. Changes go into a new migration (<c>CREATE OR REPLACE</c>). These tests hold every migration to the SQL it
/// shipped with (snapshots in Migrations/Shipped) and check that a database migrated step by step, as each migration
/// shipped, ends exactly like one migrated in one go today.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ShippedMigrationsTests(FeedbackApiFactory api)
{
    private const string RecordVariable = "FEEDBACK_RECORD_MIGRATIONS";

    [Fact]
    public void EveryMigration_StillGeneratesTheSqlItShippedWith()
    {
        var record = Environment.GetEnvironmentVariable(RecordVariable) == "1";
        var problems = new List<string>();
        var migrations = Generate(api.ConnectionString);
        foreach (var migration in migrations)
        {
            foreach (var (file, commands) in new[] { (UpFile(migration.Id), migration.Up), (DownFile(migration.Id), migration.Down) })
            {
                var now = MigrationSql.Render(commands);
                if (!File.Exists(file))
                {
                    if (record)
                    {
                        Directory.CreateDirectory(SnapshotDirectory);
                        File.WriteAllText(file, now);
                    }
                    else
                    {
                        problems.Add($"{migration.Id}: no snapshot {Path.GetFileName(file)}. A new migration: record the SQL it ships with "
                            + $"({RecordVariable}=1 dotnet test --filter ShippedMigrationsTests writes missing snapshots only) and commit it.");
                    }

                    continue;
                }

                var shipped = File.ReadAllText(file);
                if (shipped != now)
                {
                    problems.Add($"{migration.Id}: its SQL is not the SQL it shipped with ({Path.GetFileName(file)}). A shipped migration never "
                        + "changes: restore it and make the change in a new migration (CREATE OR REPLACE for functions and triggers).\n"
                        + Difference(shipped, now, "shipped", "now"));
                }
            }
        }

        var known = migrations.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Directory.GetFiles(SnapshotDirectory, "*.sql")
            .Select(f => Path.GetFileName(f).Split('.')[0])
            .Where(id => !known.Contains(id))
            .Distinct()
            .Select(id => $"{id}: shipped (it has a snapshot) but no longer in the code. A shipped migration is never removed."));
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public async Task ADatabaseMigratedStepByStep_AsEachMigrationShipped_EndsLikeOneMigratedInOneGo()
    {
        var migrations = Generate(api.ConnectionString);
        await using var shipped = await CreateDatabaseAsync(api.ConnectionString, "shipped");
        await using var stepwise = await CreateDatabaseAsync(api.ConnectionString, "stepwise");

        // As the migrations shipped: each one's snapshot, in order, on the state the previous ones left.
        foreach (var migration in migrations)
        {
            await ExecuteAsync(shipped.ConnectionString, MigrationSql.Parse(await File.ReadAllTextAsync(UpFile(migration.Id))));
        }

        // The migrator today, one migration per run, as a database upgraded release by release would be.
        await using (var db = new FeedbackDbContext(Options(stepwise.ConnectionString)))
        {
            var migrator = db.GetService<IMigrator>();
            foreach (var migration in migrations)
            {
                await migrator.MigrateAsync(migration.Id);
            }
        }

        // The test fixture's database was migrated in one go by MigrateAsync.
        var inOneGo = await CatalogAsync(api.ConnectionString);
        Assert.Contains("function sheets_check()", inOneGo, StringComparison.Ordinal); // the comparison sees the guards
        var asShipped = await CatalogAsync(shipped.ConnectionString);
        Assert.True(asShipped == inOneGo, "Migrated as shipped vs in one go:\n" + Difference(asShipped, inOneGo, "as shipped", "in one go"));
        var stepByStep = await CatalogAsync(stepwise.ConnectionString);
        Assert.True(stepByStep == inOneGo, "Migrated step by step vs in one go:\n" + Difference(stepByStep, inOneGo, "step by step", "in one go"));
    }

    [Fact]
    public async Task EveryMigrationsDown_RestoresTheSchemaItStartedFrom()
    {
        var migrations = Generate(api.ConnectionString);
        await using var scratch = await CreateDatabaseAsync(api.ConnectionString, "down");
        foreach (var migration in migrations)
        {
            var before = await CatalogAsync(scratch.ConnectionString);
            await ExecuteAsync(scratch.ConnectionString, migration.Up);
            var after = await CatalogAsync(scratch.ConnectionString);
            Assert.NotEqual(before, after);
            await ExecuteAsync(scratch.ConnectionString, migration.Down);
            var down = await CatalogAsync(scratch.ConnectionString);
            Assert.True(down == before, $"{migration.Id} Down:\n" + Difference(before, down, "before Up", "after Down"));
            await ExecuteAsync(scratch.ConnectionString, migration.Up); // on to the next one
        }
    }
}
