using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// Webhook signing secrets move to encrypted columns (the C# start-up step <c>WebhookSecretEncryption</c> moves
    /// existing ones: SQL cannot reach the key ring); the dispatcher's per-organization indexes. Stored idempotency
    /// responses were kept in clear, one-time secrets included: they are deleted (a replay of a POST made before the
    /// upgrade is no longer possible; new ones are stored encrypted).
    /// </summary>
    public partial class SecretsAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_events_organization_id",
                table: "outbox_events");

            migrationBuilder.AlterColumn<string>(
                name: "secret",
                table: "webhook_subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AddColumn<byte[]>(
                name: "previous_protected_secret",
                table: "webhook_subscriptions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_secret_expires_at",
                table: "webhook_subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "protected_secret",
                table: "webhook_subscriptions",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due_by_organization",
                table: "webhook_deliveries",
                columns: new[] { "organization_id", "next_attempt_at" },
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_pending_by_organization",
                table: "outbox_events",
                columns: new[] { "organization_id", "occurred_at" },
                filter: "fanned_out_at IS NULL");

            migrationBuilder.Sql("DELETE FROM idempotency_records WHERE response_body IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_due_by_organization",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_outbox_events_pending_by_organization",
                table: "outbox_events");

            migrationBuilder.DropColumn(
                name: "previous_protected_secret",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "protected_secret",
                table: "webhook_subscriptions");

            // Going back loses the encrypted secrets (SQL cannot decrypt them): those webhooks need a new one after the downgrade.
            migrationBuilder.Sql("UPDATE webhook_subscriptions SET secret = '' WHERE secret IS NULL;");
            migrationBuilder.AlterColumn<string>(
                name: "secret",
                table: "webhook_subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_organization_id",
                table: "outbox_events",
                column: "organization_id");
        }
    }
}
