ALTER TABLE cycles DROP CONSTRAINT ck_cycles_threshold;
-- ---- next command ----
UPDATE cycles SET anonymity_threshold = 3 WHERE anonymity_threshold = 2;
-- ---- next command ----
ALTER TABLE cycle_report_summaries ADD rules_version integer NOT NULL DEFAULT 1;
-- ---- next command ----
ALTER TABLE cycle_report_summaries ALTER COLUMN rules_version DROP DEFAULT;
-- ---- next command ----
ALTER TABLE cycles ADD CONSTRAINT ck_cycles_threshold CHECK (anonymity_threshold BETWEEN 3 AND 10);
