using Feedback.Api.Data.Sql;
using Feedback.Api.Features.Webhooks;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// A sheet write costs about what PostgreSQL's own upsert does: the sheets table keeps two indexes (primary key and
    /// the one unique index, which also serves the foreign key and a cycle's and an assignment's sheets) instead of
    /// five; one foreign key to the assignment in its organization and cycle replaces the two to assignments and
    /// cycles (the cycle one locked the cycle's row on every first submission, shared by all of them); fillfactor 90
    /// leaves room for resubmissions to be HOT updates; one AFTER trigger of constant work checks the sheet, keeps the
    /// replaced version and writes the sheet.submitted event, instead of two triggers and an outbox CTE in the
    /// statement. Frozen once shipped: ShippedMigrationsTests fail when this text changes.
    /// </summary>
    public partial class CheapSheetWrites : Migration
    {
        // The sheet's one database guard, now constant work, and what a written sheet entails, in one AFTER trigger
        // (CycleLocks in the API says who takes which lock and why). Replaces sheets_check (SheetGuardPerCycleLock) and
        // sheets_keep_revision (DatabaseGuards), and the outbox CTE the API's statement carried, so that statement is a
        // bare upsert.
        private const string UpSql = $$"""
            -- Every sheet row written (API, script, psql): checked, the replaced version kept, the event announced. An AFTER
            -- trigger, so it runs once per upsert (a BEFORE INSERT trigger runs for the proposed row and again for its
            -- update). Constant work: no loop over the scores and no query per key; one query reads the cycle (status,
            -- scale, the dimension's keys from the cycle_behaviors primary key) and whether anyone subscribed to
            -- sheet.submitted. That the assignment is in the sheet's organization and cycle is the foreign key
            -- (organization_id, cycle_id, assignment_id) → assignments, checked when the row is inserted; on an update the
            -- identity check below keeps those columns as they were.
            CREATE FUNCTION sheets_after_write() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                v_status text;
                v_min integer;
                v_max integer;
                v_expected text[];
                v_announce boolean;
            BEGIN
                IF TG_OP = 'UPDATE' AND (NEW.id, NEW.organization_id, NEW.cycle_id, NEW.assignment_id, NEW.dimension)
                    IS DISTINCT FROM (OLD.id, OLD.organization_id, OLD.cycle_id, OLD.assignment_id, OLD.dimension) THEN
                    RAISE EXCEPTION 'a sheet''s organization, cycle, assignment and dimension never change' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF NEW.revision IS DISTINCT FROM (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE OLD.revision + 1 END) THEN
                    RAISE EXCEPTION 'a new sheet has revision 1 and each replacement the previous revision + 1' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF NEW.comment IS NOT NULL AND (NEW.comment = '' OR NEW.comment ~ '[\u0001-\u0008\u000B-\u001F\u007F-\u009F]') THEN
                    RAISE EXCEPTION 'a sheet comment is null or non-empty text without control characters other than newline and tab'
                        USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF jsonb_typeof(NEW.scores) IS DISTINCT FROM 'object' THEN
                    RAISE EXCEPTION 'sheet scores must be a JSON object' USING ERRCODE = '{{SqlStates.ScoreKeys}}';
                END IF;

                -- Shared per-cycle lock: a close of this cycle takes it exclusively (cycles_close_waits_for_sheets). Either
                -- this write commits before the close reads the sheets, or the close got the lock first: it then never sees
                -- this uncommitted row, and once it commits this trigger goes on, reads the closed status below (a new
                -- snapshot: the query runs after the lock is granted) and undoes the write.
                PERFORM pg_advisory_xact_lock_shared(hashtextextended('cycle:' || NEW.cycle_id::text, 0));
                SELECT c.status, c.scale_min, c.scale_max,
                       ARRAY(SELECT cb.behavior_key::text FROM cycle_behaviors cb
                             WHERE cb.cycle_id = NEW.cycle_id AND cb.dimension = NEW.dimension),
                       EXISTS (SELECT 1 FROM webhook_subscriptions ws
                               WHERE ws.organization_id = NEW.organization_id AND '{{WebhookEventTypes.SheetSubmitted}}' = ANY (ws.events))
                INTO v_status, v_min, v_max, v_expected, v_announce
                FROM cycles c
                WHERE c.organization_id = NEW.organization_id AND c.id = NEW.cycle_id;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'the sheet''s cycle does not exist' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF v_status <> 'Open' THEN
                    RAISE EXCEPTION 'cycle is %, not open: sheets are accepted only while a cycle is open', lower(v_status)
                        USING ERRCODE = '{{SqlStates.CycleNotOpen}}', DETAIL = v_status;
                END IF;

                -- Exactly the dimension's keys: all of them (?&), and nothing once they are taken away.
                IF NOT (NEW.scores ?& v_expected AND NEW.scores - v_expected = '{}'::jsonb) THEN
                    RAISE EXCEPTION 'sheet scores must name exactly the cycle''s % behaviors', lower(NEW.dimension)
                        USING ERRCODE = '{{SqlStates.ScoreKeys}}';
                END IF;
                -- Null or an integer literal (jsonb prints a number as it was written: 4.0 stays 4.0), in the scale.
                IF NEW.scores::text !~ '^\{("[^"]*": (null|-?[0-9]{1,9})(, "[^"]*": (null|-?[0-9]{1,9}))*)?\}$'
                   OR jsonb_path_exists(NEW.scores, '$.* ? (@ < $min || @ > $max)', jsonb_build_object('min', v_min, 'max', v_max)) THEN
                    RAISE EXCEPTION 'every sheet score must be null or an integer from % to %', v_min, v_max
                        USING ERRCODE = '{{SqlStates.ScoreValues}}';
                END IF;

                -- The version a resubmission replaced. Under concurrent resubmissions ON CONFLICT DO UPDATE locks the row
                -- first, so OLD is always the version this update replaces.
                IF TG_OP = 'UPDATE' THEN
                    INSERT INTO sheet_revisions (organization_id, sheet_id, assignment_id, dimension, scores, comment, revision, submitted_at, replaced_at)
                    VALUES (OLD.organization_id, OLD.id, OLD.assignment_id, OLD.dimension, OLD.scores, OLD.comment, OLD.revision,
                            OLD.submitted_at, NEW.submitted_at);
                END IF;

                -- The webhook event, in this transaction (it exists if and only if the sheet does): ids and counts only.
                -- Most organizations never subscribe to sheet.submitted: then nothing is written.
                IF v_announce THEN
                    INSERT INTO outbox_events (id, organization_id, type, data, occurred_at)
                    VALUES (gen_random_uuid(), NEW.organization_id, '{{WebhookEventTypes.SheetSubmitted}}',
                            json_build_object('cycleId', NEW.cycle_id, 'assignmentId', NEW.assignment_id,
                                              'dimension', lower(NEW.dimension), 'revision', NEW.revision),
                            date_trunc('microseconds', clock_timestamp()));
                END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER sheets_check ON sheets;
            DROP TRIGGER sheets_keep_revision ON sheets;
            DROP FUNCTION sheets_check();
            DROP FUNCTION sheets_keep_revision();
            CREATE TRIGGER sheets_after_write AFTER INSERT OR UPDATE ON sheets
                FOR EACH ROW EXECUTE FUNCTION sheets_after_write();
            """;

        // Back to the two triggers as SheetGuardPerCycleLock and DatabaseGuards shipped them.
        private const string DownSql = $$"""
            DROP TRIGGER sheets_after_write ON sheets;
            DROP FUNCTION sheets_after_write();
            CREATE FUNCTION sheets_check() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                v_status text;
                v_min integer;
                v_max integer;
                v_in_cycle boolean;
                v_expected text[];
                v_keys text[];
                v_bad boolean;
            BEGIN
                IF TG_OP = 'UPDATE' AND (NEW.id, NEW.organization_id, NEW.cycle_id, NEW.assignment_id, NEW.dimension)
                    IS DISTINCT FROM (OLD.id, OLD.organization_id, OLD.cycle_id, OLD.assignment_id, OLD.dimension) THEN
                    RAISE EXCEPTION 'a sheet''s organization, cycle, assignment and dimension never change' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF NEW.revision IS DISTINCT FROM (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE OLD.revision + 1 END) THEN
                    RAISE EXCEPTION 'a new sheet has revision 1 and each replacement the previous revision + 1' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF NEW.comment IS NOT NULL AND (NEW.comment = '' OR NEW.comment ~ '[\u0001-\u0008\u000B-\u001F\u007F-\u009F]') THEN
                    RAISE EXCEPTION 'a sheet comment is null or non-empty text without control characters other than newline and tab'
                        USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF jsonb_typeof(NEW.scores) IS DISTINCT FROM 'object' THEN
                    RAISE EXCEPTION 'sheet scores must be a JSON object' USING ERRCODE = '{{SqlStates.ScoreKeys}}';
                END IF;

                -- Shared per-cycle lock: a close of this cycle takes it exclusively (cycles_close_waits_for_sheets). Either
                -- this write commits before the close reads the sheets, or the close got the lock first: it then never sees
                -- this uncommitted row, and once it commits this trigger goes on, reads the closed status below (a new
                -- snapshot: the query runs after the lock is granted) and undoes the write. Submissions never wait for each
                -- other, and a close never delays another cycle's submissions.
                PERFORM pg_advisory_xact_lock_shared(hashtextextended('cycle:' || NEW.cycle_id::text, 0));
                SELECT c.status, c.scale_min, c.scale_max,
                       EXISTS (SELECT 1 FROM assignments a
                               WHERE a.organization_id = NEW.organization_id AND a.id = NEW.assignment_id AND a.cycle_id = NEW.cycle_id),
                       ARRAY(SELECT cb.behavior_key::text FROM cycle_behaviors cb
                             WHERE cb.cycle_id = NEW.cycle_id AND cb.dimension = NEW.dimension ORDER BY 1)
                INTO v_status, v_min, v_max, v_in_cycle, v_expected
                FROM cycles c
                WHERE c.organization_id = NEW.organization_id AND c.id = NEW.cycle_id;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'the sheet''s cycle does not exist' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF v_status <> 'Open' THEN
                    RAISE EXCEPTION 'cycle is %, not open: sheets are accepted only while a cycle is open', lower(v_status)
                        USING ERRCODE = '{{SqlStates.CycleNotOpen}}', DETAIL = v_status;
                END IF;
                IF NOT v_in_cycle THEN
                    RAISE EXCEPTION 'the sheet''s assignment is not in the sheet''s cycle' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;

                -- Null or an integer literal in the scale; CASE keeps the ::int cast away from anything else (4.0, "4", true).
                SELECT coalesce(array_agg(e.key ORDER BY e.key), '{}'),
                       coalesce(bool_or(CASE jsonb_typeof(e.value)
                           WHEN 'null' THEN false
                           WHEN 'number' THEN CASE
                               WHEN e.value::text ~ '^-?[0-9]{1,9}$' THEN (e.value::text)::integer NOT BETWEEN v_min AND v_max
                               ELSE true END
                           ELSE true END), false)
                INTO v_keys, v_bad
                FROM jsonb_each(NEW.scores) AS e;
                IF v_keys IS DISTINCT FROM v_expected THEN
                    RAISE EXCEPTION 'sheet scores must name exactly the cycle''s % behaviors', lower(NEW.dimension)
                        USING ERRCODE = '{{SqlStates.ScoreKeys}}';
                END IF;
                IF v_bad THEN
                    RAISE EXCEPTION 'every sheet score must be null or an integer from % to %', v_min, v_max
                        USING ERRCODE = '{{SqlStates.ScoreValues}}';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER sheets_check AFTER INSERT OR UPDATE ON sheets
                FOR EACH ROW EXECUTE FUNCTION sheets_check();

            -- Runs after sheets_check (triggers fire in name order). Under concurrent resubmissions ON CONFLICT DO UPDATE
            -- locks the row first, so OLD is always the version this update replaces.
            CREATE FUNCTION sheets_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO sheet_revisions (organization_id, sheet_id, assignment_id, dimension, scores, comment, revision, submitted_at, replaced_at)
                VALUES (OLD.organization_id, OLD.id, OLD.assignment_id, OLD.dimension, OLD.scores, OLD.comment, OLD.revision,
                        OLD.submitted_at, NEW.submitted_at);
                RETURN NEW;
            END $$;
            CREATE TRIGGER sheets_keep_revision BEFORE UPDATE ON sheets
                FOR EACH ROW EXECUTE FUNCTION sheets_keep_revision();
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_sheets_assignments_organization_id_assignment_id",
                table: "sheets");

            migrationBuilder.DropForeignKey(
                name: "fk_sheets_cycles_organization_id_cycle_id",
                table: "sheets");

            migrationBuilder.DropIndex(
                name: "ix_sheets_assignment_id_dimension",
                table: "sheets");

            migrationBuilder.DropIndex(
                name: "ix_sheets_cycle_id_dimension",
                table: "sheets");

            migrationBuilder.DropIndex(
                name: "ix_sheets_organization_id_assignment_id",
                table: "sheets");

            migrationBuilder.DropIndex(
                name: "ix_sheets_organization_id_cycle_id",
                table: "sheets");

            migrationBuilder.DropIndex(
                name: "ix_assignments_organization_id_cycle_id",
                table: "assignments");

            migrationBuilder.AlterTable(
                name: "sheets")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.AddUniqueConstraint(
                name: "ak_assignments_organization_id_cycle_id_id",
                table: "assignments",
                columns: new[] { "organization_id", "cycle_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sheets_organization_id_cycle_id_assignment_id_dimension",
                table: "sheets",
                columns: new[] { "organization_id", "cycle_id", "assignment_id", "dimension" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_sheets_assignments_organization_id_cycle_id_assignment_id",
                table: "sheets",
                columns: new[] { "organization_id", "cycle_id", "assignment_id" },
                principalTable: "assignments",
                principalColumns: new[] { "organization_id", "cycle_id", "id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.Sql(UpSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DownSql);

            migrationBuilder.DropForeignKey(
                name: "fk_sheets_assignments_organization_id_cycle_id_assignment_id",
                table: "sheets");

            migrationBuilder.DropIndex(
                name: "ix_sheets_organization_id_cycle_id_assignment_id_dimension",
                table: "sheets");

            migrationBuilder.DropUniqueConstraint(
                name: "ak_assignments_organization_id_cycle_id_id",
                table: "assignments");

            migrationBuilder.AlterTable(
                name: "sheets")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);

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
                name: "ix_assignments_organization_id_cycle_id",
                table: "assignments",
                columns: new[] { "organization_id", "cycle_id" });

            migrationBuilder.AddForeignKey(
                name: "fk_sheets_assignments_organization_id_assignment_id",
                table: "sheets",
                columns: new[] { "organization_id", "assignment_id" },
                principalTable: "assignments",
                principalColumns: new[] { "organization_id", "id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_sheets_cycles_organization_id_cycle_id",
                table: "sheets",
                columns: new[] { "organization_id", "cycle_id" },
                principalTable: "cycles",
                principalColumns: new[] { "organization_id", "id" },
                onDelete: ReferentialAction.Cascade);
        }
    }
}
