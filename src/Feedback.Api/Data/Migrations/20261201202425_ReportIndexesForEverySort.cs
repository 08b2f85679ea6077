using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexesForEverySort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_subject_reports_gap_desc",
                table: "subject_reports");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_gap",
                table: "subject_reports",
                columns: new[] { "cycle_id", "gap_score", "external_id" },
                filter: "reportable");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_gap_desc",
                table: "subject_reports",
                columns: new[] { "cycle_id", "gap_score", "external_id" },
                descending: new[] { false, true, false },
                filter: "reportable");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_leadership_desc",
                table: "subject_reports",
                columns: new[] { "cycle_id", "leadership", "external_id" },
                descending: new[] { false, true, false },
                filter: "reportable");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_management_desc",
                table: "subject_reports",
                columns: new[] { "cycle_id", "management", "external_id" },
                descending: new[] { false, true, false },
                filter: "reportable");

            migrationBuilder.AddCheckConstraint(
                name: "ck_subject_reports_reportable_figures",
                table: "subject_reports",
                sql: "NOT reportable OR (leadership IS NOT NULL AND management IS NOT NULL AND quadrant IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_subject_reports_gap",
                table: "subject_reports");

            migrationBuilder.DropIndex(
                name: "ix_subject_reports_gap_desc",
                table: "subject_reports");

            migrationBuilder.DropIndex(
                name: "ix_subject_reports_leadership_desc",
                table: "subject_reports");

            migrationBuilder.DropIndex(
                name: "ix_subject_reports_management_desc",
                table: "subject_reports");

            migrationBuilder.DropCheckConstraint(
                name: "ck_subject_reports_reportable_figures",
                table: "subject_reports");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_gap_desc",
                table: "subject_reports",
                columns: new[] { "cycle_id", "gap_score", "external_id" },
                descending: new[] { false, true, false },
                filter: "reportable")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast });
        }
    }
}
