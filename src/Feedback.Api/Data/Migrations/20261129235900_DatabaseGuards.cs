using Feedback.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// Hand-written: the triggers that make invalid sheets unrepresentable (open cycle, exact keys, scale, history).
    /// Kept apart from the generated InitialCreate so regenerating that never drops them; changes no model.
    /// Shipped: its SQL is frozen here as it first shipped (a later in-place edit, aeb97bf, left databases migrated
    /// before it with the old trigger). Change these objects with a new migration (<c>CREATE OR REPLACE</c>), as
    /// <see cref="SheetGuardPerCycleLock"/> does; ShippedMigrationsTests fail when this text changes.
    /// </summary>
    [DbContext(typeof(FeedbackDbContext))]
    [Migration("20261129235900_DatabaseGuards")]
    public partial class DatabaseGuards : Migration
    {
        private const string UpSql = $$"""
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

            CREATE FUNCTION sheets_check() RETURNS trigger LANGUAGE plpgsql AS $$
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
            CREATE FUNCTION sheets_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO sheet_revisions (organization_id, sheet_id, assignment_id, dimension, scores, comment, revision, submitted_at, replaced_at)
                VALUES (OLD.organization_id, OLD.id, OLD.assignment_id, OLD.dimension, OLD.scores, OLD.comment, OLD.revision,
                        OLD.submitted_at, NEW.submitted_at);
                RETURN NEW;
            END $$;

            CREATE TRIGGER sheets_check BEFORE INSERT OR UPDATE ON sheets
                FOR EACH ROW EXECUTE FUNCTION sheets_check();
            CREATE TRIGGER sheets_keep_revision BEFORE UPDATE ON sheets
                FOR EACH ROW EXECUTE FUNCTION sheets_keep_revision();
            """;

        private const string DownSql = """
            DROP TRIGGER IF EXISTS sheets_keep_revision ON sheets;
            DROP TRIGGER IF EXISTS sheets_check ON sheets;
            DROP FUNCTION IF EXISTS sheets_keep_revision();
            DROP FUNCTION IF EXISTS sheets_check();
            DROP FUNCTION IF EXISTS sheet_scores_values_valid(jsonb, integer, integer);
            DROP FUNCTION IF EXISTS sheet_scores_keys_valid(uuid, text, jsonb);
            """;

        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DownSql);
    }
}
