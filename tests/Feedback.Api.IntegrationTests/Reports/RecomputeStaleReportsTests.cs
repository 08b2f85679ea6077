using System.Text.Json.Nodes;
using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Reports;

/// <summary>The API over a database of its own, so a test can migrate it up and down and restart the service on it.</summary>
public sealed class OwnDatabaseApiFactory(string connectionString) : FeedbackApiFactory
{
    protected override string DatabaseConnectionString() => connectionString;
}

/// <summary>
/// A database from before issue 9 (report rules version 1, k = 2 allowed) migrated to today's schema: the migration
/// raises k = 2 to 3, and the service recomputes the old closed cycle's reports at start, keeping its close-time snapshot.
/// </summary>
public sealed class RecomputeStaleReportsTests
{
    [Fact]
    public async Task AnOldClosedCycle_ReadsWithTheNewRules_AfterTheMigrationAndAStart()
    {
        var server = new NpgsqlConnectionStringBuilder(await TestDatabase.ConnectionStringAsync());
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = $"feedback_recompute_{Guid.NewGuid():N}" }.ConnectionString;
        await using var db = Context(connectionString);
        await db.Database.MigrateAsync();
        try
        {
            // Today's service closes the scenario's cycle (k = 3) and materializes it by today's rules.
            Guid organizationId, cycleId, draftId;
            string expected, adminKey;
            await using (var api = new OwnDatabaseApiFactory(connectionString))
            {
                var (org, cycle) = await BuildClosedAsync(api);
                (organizationId, cycleId, adminKey) = (org.Id, cycle, org.AdminKey);
                draftId = await org.CreateCycleAsync(new { name = "A draft with k = 3" });
                expected = await org.Admin.GetStringAsync($"/v1/cycles/{cycleId}/reports/people/alice");
            }

            // Back to the schema before issue 9, and make the cycle what the old service left: k = 2 and reports
            // computed by the old rules (as the old README's worked example would: management and gap over other
            // raters, behaviors from every sheet, no behaviorsHidden). Alice is renamed after the close meanwhile.
            var migrations = db.Database.GetMigrations().ToList();
            var previous = migrations[migrations.FindIndex(m => m.EndsWith("_CountedRatersReportRules", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(previous);
            await db.Database.ExecuteSqlAsync($$"""
                UPDATE cycles SET anonymity_threshold = 2 WHERE organization_id = {{organizationId}};
                UPDATE subject_reports
                SET report = jsonb_set(jsonb_set(report - 'behaviorsHidden', '{others,management,score}', '3.1'), '{others,gap,n}', '5'),
                    management = 3.1, gap_n = 5, gap_score = 0.6333333333333333
                WHERE cycle_id = {{cycleId}} AND external_id = 'alice';
                UPDATE cycle_report_summaries SET mean_gap = 0.3933333333333333, reportable = 8 WHERE cycle_id = {{cycleId}};
                UPDATE people SET display_name = 'Alice Renamed', department = 'Ops' WHERE organization_id = {{organizationId}} AND external_id = 'alice';
                """);
            Assert.Equal(2, await Scalar<int>(db, $"SELECT anonymity_threshold AS \"Value\" FROM cycles WHERE id = {cycleId}"));

            await db.Database.MigrateAsync();
            Assert.Equal(3, await Scalar<int>(db, $"SELECT anonymity_threshold AS \"Value\" FROM cycles WHERE id = {cycleId}"));
            Assert.Equal(3, await Scalar<int>(db, $"SELECT anonymity_threshold AS \"Value\" FROM cycles WHERE id = {draftId}"));
            Assert.Equal(1, await Scalar<int>(db, $"SELECT rules_version AS \"Value\" FROM cycle_report_summaries WHERE cycle_id = {cycleId}"));
            var stale = await Scalar<string>(db, $"SELECT report::text AS \"Value\" FROM subject_reports WHERE cycle_id = {cycleId} AND external_id = 'alice'");
            Assert.DoesNotContain("behaviorsHidden", stale, StringComparison.Ordinal);

            // The next start recomputes it before it serves anything.
            await using (var api = new OwnDatabaseApiFactory(connectionString))
            {
                var client = api.ClientWithToken(adminKey);
                var report = await client.GetStringAsync($"/v1/cycles/{cycleId}/reports/people/alice");
                Assert.Equal(Normalized(expected), Normalized(report));
                var subject = JsonNode.Parse(report)!["subject"]!;
                Assert.Equal("Alice Adams", subject["displayName"]!.GetValue<string>()); // the snapshot taken at close
                Assert.Equal("Eng", subject["department"]!.GetValue<string>());

                var summary = (await client.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps")).GetProperty("summary");
                Assert.Equal(7, summary.GetProperty("reportable").GetInt32());
                Near(MeanGap, summary.GetProperty("meanGap"));
                var alice = (await client.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps?department=Eng&isManager=true"))
                    .GetProperty("items")[0];
                Near(19.0 / 6, alice.GetProperty("management"));
                Assert.Equal(6, alice.GetProperty("gap").GetProperty("n").GetInt32());
                Assert.Equal("Alice Adams", alice.GetProperty("displayName").GetString());
            }

            Assert.Equal(Feedback.Api.Domain.Reports.ReportRules.Version, await Scalar<int>(db, $"SELECT rules_version AS \"Value\" FROM cycle_report_summaries WHERE cycle_id = {cycleId}"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
        }
    }

    /// <summary>The report with each comment list sorted: the comment order's key is drawn anew by every computation.</summary>
    private static string Normalized(string report)
    {
        var node = JsonNode.Parse(report)!;
        if (node["comments"] is JsonObject comments)
        {
            foreach (var dimension in new[] { "leadership", "management" })
            {
                var sorted = comments[dimension]!.AsArray().Select(c => c!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
                comments[dimension] = new JsonArray([.. sorted.Select(c => (JsonNode)c)]);
            }
        }

        return node.ToJsonString();
    }

    private static FeedbackDbContext Context(string connectionString) => new(
        new DbContextOptionsBuilder<FeedbackDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);

    private static async Task<T> Scalar<T>(FeedbackDbContext db, FormattableString sql) =>
        await db.Database.SqlQuery<T>(sql).SingleAsync();
}
