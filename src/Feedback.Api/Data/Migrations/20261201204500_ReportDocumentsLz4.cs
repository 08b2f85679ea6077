using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// Hand-written; changes no model. A close writes every subject's person report (~3 KB of JSON each, 300 MB at 100k
    /// subjects), and PostgreSQL compresses each one when it stores it: lz4 does that several times faster than the
    /// default pglz. Values already stored keep their compression. On a server built without lz4 nothing changes.
    /// Frozen once shipped: ShippedMigrationsTests fail when this text changes.
    /// </summary>
    [DbContext(typeof(FeedbackDbContext))]
    [Migration("20261201204500_ReportDocumentsLz4")]
    public partial class ReportDocumentsLz4 : Migration
    {
        private const string UpSql = """
            DO $$
            BEGIN
                ALTER TABLE subject_reports ALTER COLUMN report SET COMPRESSION lz4;
            EXCEPTION WHEN feature_not_supported THEN
                RAISE NOTICE 'this server has no lz4: person reports keep the default compression';
            END $$;
            """;

        private const string DownSql = """
            ALTER TABLE subject_reports ALTER COLUMN report SET COMPRESSION default;
            """;

        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DownSql);
    }
}
