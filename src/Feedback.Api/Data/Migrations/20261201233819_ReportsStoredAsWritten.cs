using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// Materialized reports as json, not jsonb: stored and returned as written (jsonb parsed each report into its binary
    /// form at close and printed it back on every read), and nothing queries inside them. No data is lost either way:
    /// the text is the same JSON. A new type drops the column's compression: lz4 is set again, as ReportDocumentsLz4 did.
    /// Frozen once shipped: ShippedMigrationsTests fail when this text changes.
    /// </summary>
    public partial class ReportsStoredAsWritten : Migration
    {
        private const string Lz4Sql = """
            DO $$
            BEGIN
                ALTER TABLE subject_reports ALTER COLUMN report SET COMPRESSION lz4;
            EXCEPTION WHEN feature_not_supported THEN
                RAISE NOTICE 'this server has no lz4: person reports keep the default compression';
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "report",
                table: "subject_reports",
                type: "json",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "jsonb");
            migrationBuilder.Sql(Lz4Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "report",
                table: "subject_reports",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "json");
            migrationBuilder.Sql(Lz4Sql);
        }
    }
}
