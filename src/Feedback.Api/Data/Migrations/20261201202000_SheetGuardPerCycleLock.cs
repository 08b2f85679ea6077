using Feedback.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// Hand-written; changes no model. The sheet guard becomes one check per row under a per-cycle advisory lock:
    /// submissions take it shared, a close exclusively, so a close waits only for its own cycle's writes (no lock on
    /// the cycle row or the sheets table). The key and scale checks run inline (no function call per key); the API
    /// validates the whole sheet before the write. Replaces whichever version of these objects a database has:
    /// DatabaseGuards as shipped, or the version aeb97bf had edited into it in place.
    /// Frozen once shipped: ShippedMigrationsTests fail when this text changes.
    /// </summary>
    [DbContext(typeof(FeedbackDbContext))]
    [Migration("20261201202000_SheetGuardPerCycleLock")]
    public partial class SheetGuardPerCycleLock : Migration
    {
        private const string UpSql = $$"""
            -- One guard per sheet row, under a per-cycle lock (CycleLocks in the API says who takes which lock and why).
            -- The API validates the whole sheet before it writes (and names every bad key); this is the database's own check,
            -- so no code path (API, script, psql) can store an invalid sheet. An AFTER trigger, so it runs once per row: a
            -- BEFORE INSERT trigger would run for the proposed row of every upsert and then again for its update. Two queries:
            -- the cycle with the assignment and the dimension's keys, and one pass over the scores.
            CREATE OR REPLACE FUNCTION sheets_check() RETURNS trigger LANGUAGE plpgsql AS $$
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
            DROP TRIGGER IF EXISTS sheets_check ON sheets;
            CREATE TRIGGER sheets_check AFTER INSERT OR UPDATE ON sheets
                FOR EACH ROW EXECUTE FUNCTION sheets_check();

            -- The exclusive side of the per-cycle lock: a close (by any code path) waits for this cycle's in-flight sheet
            -- writes and holds new ones until it commits. Replaces both the FOR SHARE on the cycle row that every submission
            -- took (DatabaseGuards as shipped) and the LOCK TABLE sheets that stalled every organization (aeb97bf's edit).
            CREATE OR REPLACE FUNCTION cycles_close_waits_for_sheets() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.status = 'Closed' AND OLD.status IS DISTINCT FROM 'Closed' THEN
                    PERFORM pg_advisory_xact_lock(hashtextextended('cycle:' || NEW.id::text, 0));
                END IF;
                RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS cycles_close_waits_for_sheets ON cycles;
            CREATE TRIGGER cycles_close_waits_for_sheets BEFORE UPDATE OF status ON cycles
                FOR EACH ROW EXECUTE FUNCTION cycles_close_waits_for_sheets();

            -- Nothing calls these any more: the statement does not check, and the trigger checks inline.
            DROP FUNCTION IF EXISTS sheet_scores_keys_valid(uuid, text, jsonb);
            DROP FUNCTION IF EXISTS sheet_scores_values_valid(jsonb, integer, integer);
            """;

        // Back to DatabaseGuards as shipped.
        private const string DownSql = $$"""
            DROP TRIGGER IF EXISTS cycles_close_waits_for_sheets ON cycles;
            DROP FUNCTION IF EXISTS cycles_close_waits_for_sheets();
            DROP TRIGGER IF EXISTS sheets_check ON sheets;

            -- True when the keys of p_scores are exactly the behaviors of p_dimension in the cycle.
            CREATE FUNCTION sheet_scores_keys_valid(p_cycle_id uuid, p_dimension text, p_scores jsonb)
            RETURNS boolean LANGUAGE plpgsql STABLE AS $$
            BEGIN
                IF jsonb_typeof(p_scores) IS DISTINCT FROM 'object' THEN
                    RETURN false;
                END IF;
                RETURN NOT EXISTS (
                    SELECT k FROM jsonb_object_keys(p_scores) AS k
                    EXCEPT
                    SELECT cb.behavior_key FROM cycle_behaviors cb WHERE cb.cycle_id = p_cycle_id AND cb.dimension = p_dimension)
                   AND NOT EXISTS (
                    SELECT cb.behavior_key FROM cycle_behaviors cb WHERE cb.cycle_id = p_cycle_id AND cb.dimension = p_dimension
                    EXCEPT
                    SELECT k FROM jsonb_object_keys(p_scores) AS k);
            END $$;

            -- True when every value of p_scores is JSON null or an integer literal within p_min..p_max.
            -- CASE keeps the ::int cast away from anything that is not a plain integer literal.
            CREATE FUNCTION sheet_scores_values_valid(p_scores jsonb, p_min integer, p_max integer)
            RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN
                IF jsonb_typeof(p_scores) IS DISTINCT FROM 'object' THEN
                    RETURN false;
                END IF;
                RETURN NOT EXISTS (
                    SELECT 1 FROM jsonb_each(p_scores) AS e
                    WHERE CASE jsonb_typeof(e.value)
                        WHEN 'null' THEN false
                        WHEN 'number' THEN CASE
                            WHEN e.value::text ~ '^-?[0-9]{1,9}$' THEN (e.value::text)::integer NOT BETWEEN p_min AND p_max
                            ELSE true END
                        ELSE true END);
            END $$;

            CREATE OR REPLACE FUNCTION sheets_check() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                v_status text;
                v_min integer;
                v_max integer;
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

                -- FOR SHARE conflicts with the row lock a status change takes: a close waits for this submission to
                -- commit, and a submission after the close reads the closed status.
                SELECT c.status, c.scale_min, c.scale_max INTO v_status, v_min, v_max
                FROM cycles c
                WHERE c.organization_id = NEW.organization_id AND c.id = NEW.cycle_id
                FOR SHARE;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'the sheet''s cycle does not exist' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF v_status <> 'Open' THEN
                    RAISE EXCEPTION 'cycle is %, not open: sheets are accepted only while a cycle is open', lower(v_status)
                        USING ERRCODE = '{{SqlStates.CycleNotOpen}}';
                END IF;
                IF NOT EXISTS (SELECT 1 FROM assignments a
                               WHERE a.organization_id = NEW.organization_id AND a.id = NEW.assignment_id AND a.cycle_id = NEW.cycle_id) THEN
                    RAISE EXCEPTION 'the sheet''s assignment is not in the sheet''s cycle' USING ERRCODE = '{{SqlStates.SheetIntegrity}}';
                END IF;
                IF NOT sheet_scores_keys_valid(NEW.cycle_id, NEW.dimension, NEW.scores) THEN
                    RAISE EXCEPTION 'sheet scores must name exactly the cycle''s % behaviors', lower(NEW.dimension)
                        USING ERRCODE = '{{SqlStates.ScoreKeys}}';
                END IF;
                IF NOT sheet_scores_values_valid(NEW.scores, v_min, v_max) THEN
                    RAISE EXCEPTION 'every sheet score must be null or an integer from % to %', v_min, v_max
                        USING ERRCODE = '{{SqlStates.ScoreValues}}';
                END IF;
                RETURN NEW;
            END $$;

            -- Runs after sheets_check (triggers fire in name order). Under concurrent resubmissions ON CONFLICT DO UPDATE
            -- locks the row first, so OLD is always the version this update replaces.
            CREATE OR REPLACE FUNCTION sheets_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO sheet_revisions (organization_id, sheet_id, assignment_id, dimension, scores, comment, revision, submitted_at, replaced_at)
                VALUES (OLD.organization_id, OLD.id, OLD.assignment_id, OLD.dimension, OLD.scores, OLD.comment, OLD.revision,
                        OLD.submitted_at, NEW.submitted_at);
                RETURN NEW;
            END $$;
            CREATE TRIGGER sheets_check BEFORE INSERT OR UPDATE ON sheets
                FOR EACH ROW EXECUTE FUNCTION sheets_check();
            """;

        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DownSql);
    }
}
