using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    response_status = table.Column<int>(type: "integer", nullable: true),
                    response_headers = table.Column<string>(type: "jsonb", nullable: true),
                    response_body = table.Column<byte[]>(type: "bytea", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.credential_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organizations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scopes = table.Column<string[]>(type: "text[]", nullable: false),
                    key_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "behaviors",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    retired = table.Column<bool>(type: "boolean", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_behaviors", x => new { x.organization_id, x.key });
                    table.ForeignKey(
                        name: "fk_behaviors_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cycles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scale_min = table.Column<int>(type: "integer", nullable: false),
                    scale_max = table.Column<int>(type: "integer", nullable: false),
                    anonymity_threshold = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cycles", x => x.id);
                    table.UniqueConstraint("ak_cycles_organization_id_id", x => new { x.organization_id, x.id });
                    table.CheckConstraint("ck_cycles_scale", "scale_min IN (0, 1) AND scale_max BETWEEN 3 AND 10");
                    table.CheckConstraint("ck_cycles_threshold", "anonymity_threshold BETWEEN 2 AND 10");
                    table.ForeignKey(
                        name: "fk_cycles_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outbox_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    data = table.Column<string>(type: "json", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fanned_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_outbox_events_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    external_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    manager_id = table.Column<Guid>(type: "uuid", nullable: true),
                    department = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    scim_external_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                    table.UniqueConstraint("ak_people_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "fk_people_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_people_people_organization_id_manager_id",
                        columns: x => new { x.organization_id, x.manager_id },
                        principalTable: "people",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    events = table.Column<string[]>(type: "text[]", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_subscriptions", x => x.id);
                    table.UniqueConstraint("ak_webhook_subscriptions_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "fk_webhook_subscriptions_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cycle_behaviors",
                columns: table => new
                {
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    behavior_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cycle_behaviors", x => new { x.cycle_id, x.behavior_key });
                    table.ForeignKey(
                        name: "fk_cycle_behaviors_behaviors_organization_id_behavior_key",
                        columns: x => new { x.organization_id, x.behavior_key },
                        principalTable: "behaviors",
                        principalColumns: new[] { "organization_id", "key" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cycle_behaviors_cycles_organization_id_cycle_id",
                        columns: x => new { x.organization_id, x.cycle_id },
                        principalTable: "cycles",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cycle_report_summaries",
                columns: table => new
                {
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subjects = table.Column<int>(type: "integer", nullable: false),
                    reportable = table.Column<int>(type: "integer", nullable: false),
                    median_leadership = table.Column<double>(type: "double precision", nullable: true),
                    median_management = table.Column<double>(type: "double precision", nullable: true),
                    mean_gap = table.Column<double>(type: "double precision", nullable: true),
                    leader_and_manager = table.Column<int>(type: "integer", nullable: false),
                    leader_only = table.Column<int>(type: "integer", nullable: false),
                    manager_only = table.Column<int>(type: "integer", nullable: false),
                    developing = table.Column<int>(type: "integer", nullable: false),
                    managers_who_arent_leaders = table.Column<int>(type: "integer", nullable: false),
                    leaders_who_arent_managers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cycle_report_summaries", x => x.cycle_id);
                    table.ForeignKey(
                        name: "fk_cycle_report_summaries_cycles_organization_id_cycle_id",
                        columns: x => new { x.organization_id, x.cycle_id },
                        principalTable: "cycles",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subject_reports",
                columns: table => new
                {
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    external_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    department = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    is_manager = table.Column<bool>(type: "boolean", nullable: false),
                    reportable = table.Column<bool>(type: "boolean", nullable: false),
                    suppressed = table.Column<bool>(type: "boolean", nullable: false),
                    leadership = table.Column<double>(type: "double precision", nullable: true),
                    management = table.Column<double>(type: "double precision", nullable: true),
                    gap_score = table.Column<double>(type: "double precision", nullable: true),
                    gap_n = table.Column<int>(type: "integer", nullable: true),
                    gap_sd = table.Column<double>(type: "double precision", nullable: true),
                    gap_ci_low = table.Column<double>(type: "double precision", nullable: true),
                    gap_ci_high = table.Column<double>(type: "double precision", nullable: true),
                    gap_significant = table.Column<bool>(type: "boolean", nullable: true),
                    quadrant = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    report = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subject_reports", x => new { x.cycle_id, x.subject_id });
                    table.CheckConstraint("ck_subject_reports_quadrant", "quadrant IS NULL OR reportable");
                    table.ForeignKey(
                        name: "fk_subject_reports_cycles_organization_id_cycle_id",
                        columns: x => new { x.organization_id, x.cycle_id },
                        principalTable: "cycles",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rater_id = table.Column<Guid>(type: "uuid", nullable: false),
                    relationship = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.UniqueConstraint("ak_assignments_organization_id_id", x => new { x.organization_id, x.id });
                    table.CheckConstraint("ck_assignments_self", "(relationship = 'Self') = (subject_id = rater_id)");
                    table.ForeignKey(
                        name: "fk_assignments_cycles_organization_id_cycle_id",
                        columns: x => new { x.organization_id, x.cycle_id },
                        principalTable: "cycles",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_people_organization_id_rater_id",
                        columns: x => new { x.organization_id, x.rater_id },
                        principalTable: "people",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assignments_people_organization_id_subject_id",
                        columns: x => new { x.organization_id, x.subject_id },
                        principalTable: "people",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_outbox_events_event_id",
                        column: x => x.event_id,
                        principalTable: "outbox_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhook_subscriptions_organization_id_su",
                        columns: x => new { x.organization_id, x.subscription_id },
                        principalTable: "webhook_subscriptions",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sheets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scores = table.Column<string>(type: "jsonb", nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sheets", x => x.id);
                    table.CheckConstraint("ck_sheets_revision", "revision >= 1");
                    table.CheckConstraint("ck_sheets_scores_object", "jsonb_typeof(scores) = 'object'");
                    table.ForeignKey(
                        name: "fk_sheets_assignments_organization_id_assignment_id",
                        columns: x => new { x.organization_id, x.assignment_id },
                        principalTable: "assignments",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sheets_cycles_organization_id_cycle_id",
                        columns: x => new { x.organization_id, x.cycle_id },
                        principalTable: "cycles",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_delivery_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    duration_ms = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_delivery_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_delivery_attempts_webhook_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "webhook_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sheet_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sheet_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scores = table.Column<string>(type: "jsonb", nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sheet_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sheet_revisions_sheets_sheet_id",
                        column: x => x.sheet_id,
                        principalTable: "sheets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_organization_id_created_at",
                table: "api_keys",
                columns: new[] { "organization_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_cycle_id_rater_id",
                table: "assignments",
                columns: new[] { "cycle_id", "rater_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_cycle_id_subject_id_rater_id",
                table: "assignments",
                columns: new[] { "cycle_id", "subject_id", "rater_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assignments_organization_id_cycle_id",
                table: "assignments",
                columns: new[] { "organization_id", "cycle_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_organization_id_rater_id",
                table: "assignments",
                columns: new[] { "organization_id", "rater_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_organization_id_subject_id",
                table: "assignments",
                columns: new[] { "organization_id", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_token_hash",
                table: "assignments",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cycle_behaviors_cycle_id_position",
                table: "cycle_behaviors",
                columns: new[] { "cycle_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cycle_behaviors_organization_id_behavior_key",
                table: "cycle_behaviors",
                columns: new[] { "organization_id", "behavior_key" });

            migrationBuilder.CreateIndex(
                name: "ix_cycle_behaviors_organization_id_cycle_id",
                table: "cycle_behaviors",
                columns: new[] { "organization_id", "cycle_id" });

            migrationBuilder.CreateIndex(
                name: "ix_cycle_report_summaries_organization_id_cycle_id",
                table: "cycle_report_summaries",
                columns: new[] { "organization_id", "cycle_id" });

            migrationBuilder.CreateIndex(
                name: "ix_cycles_organization_id_created_at",
                table: "cycles",
                columns: new[] { "organization_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_organizations_name",
                table: "organizations",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_fanned_out_at",
                table: "outbox_events",
                column: "fanned_out_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_organization_id",
                table: "outbox_events",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_pending",
                table: "outbox_events",
                column: "occurred_at",
                filter: "fanned_out_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_people_organization_id_department",
                table: "people",
                columns: new[] { "organization_id", "department" });

            migrationBuilder.CreateIndex(
                name: "ix_people_organization_id_external_id",
                table: "people",
                columns: new[] { "organization_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_organization_id_manager_id",
                table: "people",
                columns: new[] { "organization_id", "manager_id" });

            migrationBuilder.CreateIndex(
                name: "ix_people_organization_id_scim_external_id",
                table: "people",
                columns: new[] { "organization_id", "scim_external_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sheet_revisions_sheet_id_revision",
                table: "sheet_revisions",
                columns: new[] { "sheet_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sheets_assignment_id_dimension",
                table: "sheets",
                columns: new[] { "assignment_id", "dimension" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sheets_cycle_id_dimension",
                table: "sheets",
                columns: new[] { "cycle_id", "dimension" });

            migrationBuilder.CreateIndex(
                name: "ix_sheets_organization_id_assignment_id",
                table: "sheets",
                columns: new[] { "organization_id", "assignment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sheets_organization_id_cycle_id",
                table: "sheets",
                columns: new[] { "organization_id", "cycle_id" });

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_cycle_id_external_id",
                table: "subject_reports",
                columns: new[] { "cycle_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_gap_desc",
                table: "subject_reports",
                columns: new[] { "cycle_id", "gap_score", "external_id" },
                descending: new[] { false, true, false },
                filter: "reportable")
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast });

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_leadership",
                table: "subject_reports",
                columns: new[] { "cycle_id", "leadership", "external_id" },
                filter: "reportable");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_management",
                table: "subject_reports",
                columns: new[] { "cycle_id", "management", "external_id" },
                filter: "reportable");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_name",
                table: "subject_reports",
                columns: new[] { "cycle_id", "display_name", "external_id" },
                filter: "reportable");

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_organization_id_cycle_id",
                table: "subject_reports",
                columns: new[] { "organization_id", "cycle_id" });

            migrationBuilder.CreateIndex(
                name: "ix_subject_reports_organization_id_subject_id",
                table: "subject_reports",
                columns: new[] { "organization_id", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries",
                column: "next_attempt_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_event_id",
                table: "webhook_deliveries",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_organization_id_subscription_id",
                table: "webhook_deliveries",
                columns: new[] { "organization_id", "subscription_id" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_subscription_id_event_id",
                table: "webhook_deliveries",
                columns: new[] { "subscription_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_delivery_attempts_delivery_id",
                table: "webhook_delivery_attempts",
                column: "delivery_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_delivery_attempts_subscription_id_id",
                table: "webhook_delivery_attempts",
                columns: new[] { "subscription_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "cycle_behaviors");

            migrationBuilder.DropTable(
                name: "cycle_report_summaries");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "sheet_revisions");

            migrationBuilder.DropTable(
                name: "subject_reports");

            migrationBuilder.DropTable(
                name: "webhook_delivery_attempts");

            migrationBuilder.DropTable(
                name: "behaviors");

            migrationBuilder.DropTable(
                name: "sheets");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.DropTable(
                name: "outbox_events");

            migrationBuilder.DropTable(
                name: "webhook_subscriptions");

            migrationBuilder.DropTable(
                name: "cycles");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "organizations");
        }
    }
}
