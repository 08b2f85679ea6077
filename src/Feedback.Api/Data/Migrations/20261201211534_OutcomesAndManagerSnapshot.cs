using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutcomesAndManagerSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "manager_external_id",
                table: "subject_reports",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "outcomes",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    productivity = table.Column<double>(type: "double precision", nullable: true),
                    engagement = table.Column<double>(type: "double precision", nullable: true),
                    retention = table.Column<double>(type: "double precision", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outcomes", x => new { x.organization_id, x.cycle_id, x.person_id });
                    table.CheckConstraint("ck_outcomes_finite", "(productivity IS NULL OR productivity NOT IN ('NaN', 'Infinity', '-Infinity')) AND (engagement IS NULL OR engagement NOT IN ('NaN', 'Infinity', '-Infinity')) AND (retention IS NULL OR retention <> 'NaN')");
                    table.CheckConstraint("ck_outcomes_retention", "retention IS NULL OR (retention >= 0 AND retention <= 1)");
                    table.ForeignKey(
                        name: "fk_outcomes_cycles_organization_id_cycle_id",
                        columns: x => new { x.organization_id, x.cycle_id },
                        principalTable: "cycles",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_outcomes_people_organization_id_person_id",
                        columns: x => new { x.organization_id, x.person_id },
                        principalTable: "people",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outcomes_organization_id_person_id",
                table: "outcomes",
                columns: new[] { "organization_id", "person_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outcomes");

            migrationBuilder.DropColumn(
                name: "manager_external_id",
                table: "subject_reports");
        }
    }
}
