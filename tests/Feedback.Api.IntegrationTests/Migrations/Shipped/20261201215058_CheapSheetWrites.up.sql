ALTER TABLE sheets DROP CONSTRAINT fk_sheets_assignments_organization_id_assignment_id;
-- ---- next command ----
ALTER TABLE sheets DROP CONSTRAINT fk_sheets_cycles_organization_id_cycle_id;
-- ---- next command ----
DROP INDEX ix_sheets_assignment_id_dimension;
-- ---- next command ----
DROP INDEX ix_sheets_cycle_id_dimension;
-- ---- next command ----
DROP INDEX ix_sheets_organization_id_assignment_id;
-- ---- next command ----
DROP INDEX ix_sheets_organization_id_cycle_id;
-- ---- next command ----
DROP INDEX ix_assignments_organization_id_cycle_id;
-- ---- next command ----
ALTER TABLE sheets SET (fillfactor=90);
-- ---- next command ----
ALTER TABLE assignments ADD CONSTRAINT ak_assignments_organization_id_cycle_id_id UNIQUE (organization_id, cycle_id, id);
-- ---- next command ----
CREATE UNIQUE INDEX ix_sheets_organization_id_cycle_id_assignment_id_dimension ON sheets (organization_id, cycle_id, assignment_id, dimension);
-- ---- next command ----
ALTER TABLE sheets ADD CONSTRAINT fk_sheets_assignments_organization_id_cycle_id_assignment_id FOREIGN KEY (organization_id, cycle_id, assignment_id) REFERENCES assignments (organization_id, cycle_id, id) ON DELETE CASCADE;
-- ---- next command ----
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
        RAISE EXCEPTION 'a sheet''s organization, cycle, assignment and dimension never change' USING ERRCODE = 'FBS01';
    END IF;
    IF NEW.revision IS DISTINCT FROM (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE OLD.revision + 1 END) THEN
        RAISE EXCEPTION 'a new sheet has revision 1 and each replacement the previous revision + 1' USING ERRCODE = 'FBS01';
    END IF;
    IF NEW.comment IS NOT NULL AND (NEW.comment = '' OR NEW.comment ~ '[\u0001-\u0008\u000B-\u001F\u007F-\u009F]') THEN
        RAISE EXCEPTION 'a sheet comment is null or non-empty text without control characters other than newline and tab'
            USING ERRCODE = 'FBS01';
    END IF;
    IF jsonb_typeof(NEW.scores) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'sheet scores must be a JSON object' USING ERRCODE = 'FBK01';
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
                   WHERE ws.organization_id = NEW.organization_id AND 'sheet.submitted' = ANY (ws.events))
    INTO v_status, v_min, v_max, v_expected, v_announce
    FROM cycles c
    WHERE c.organization_id = NEW.organization_id AND c.id = NEW.cycle_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the sheet''s cycle does not exist' USING ERRCODE = 'FBS01';
    END IF;
    IF v_status <> 'Open' THEN
        RAISE EXCEPTION 'cycle is %, not open: sheets are accepted only while a cycle is open', lower(v_status)
            USING ERRCODE = 'FBC01', DETAIL = v_status;
    END IF;

    -- Exactly the dimension's keys: all of them (?&), and nothing once they are taken away.
    IF NOT (NEW.scores ?& v_expected AND NEW.scores - v_expected = '{}'::jsonb) THEN
        RAISE EXCEPTION 'sheet scores must name exactly the cycle''s % behaviors', lower(NEW.dimension)
            USING ERRCODE = 'FBK01';
    END IF;
    -- Null or an integer literal (jsonb prints a number as it was written: 4.0 stays 4.0), in the scale.
    IF NEW.scores::text !~ '^\{("[^"]*": (null|-?[0-9]{1,9})(, "[^"]*": (null|-?[0-9]{1,9}))*)?\}$'
       OR jsonb_path_exists(NEW.scores, '$.* ? (@ < $min || @ > $max)', jsonb_build_object('min', v_min, 'max', v_max)) THEN
        RAISE EXCEPTION 'every sheet score must be null or an integer from % to %', v_min, v_max
            USING ERRCODE = 'FBV01';
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
        VALUES (gen_random_uuid(), NEW.organization_id, 'sheet.submitted',
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
