using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// Issue 9. The anonymity threshold is at least 3: with k = 2 either rater could subtract their own answers and read
    /// the other's, so every cycle with k = 2 (any status) is raised to 3. Every existing report summary is marked as
    /// computed by report rules version 1; at start the service recomputes those cycles under the current rules
    /// (<c>RecomputeStaleReports</c>), which also applies the raised threshold to closed cycles.
    /// </summary>
    public partial class CountedRatersReportRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_cycles_threshold",
                table: "cycles");

            migrationBuilder.Sql("UPDATE cycles SET anonymity_threshold = 3 WHERE anonymity_threshold = 2;");

            // Rows written before this migration were computed by rules version 1; new rows always say their version.
            migrationBuilder.AddColumn<int>(
                name: "rules_version",
                table: "cycle_report_summaries",
                type: "integer",
                nullable: false,
                defaultValue: 1);
            migrationBuilder.Sql("ALTER TABLE cycle_report_summaries ALTER COLUMN rules_version DROP DEFAULT;");

            migrationBuilder.AddCheckConstraint(
                name: "ck_cycles_threshold",
                table: "cycles",
                sql: "anonymity_threshold BETWEEN 3 AND 10");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Raised thresholds stay raised (3 is allowed by the old constraint too); recomputed reports stay recomputed.
            migrationBuilder.DropCheckConstraint(
                name: "ck_cycles_threshold",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "rules_version",
                table: "cycle_report_summaries");

            migrationBuilder.AddCheckConstraint(
                name: "ck_cycles_threshold",
                table: "cycles",
                sql: "anonymity_threshold BETWEEN 2 AND 10");
        }
    }
}
