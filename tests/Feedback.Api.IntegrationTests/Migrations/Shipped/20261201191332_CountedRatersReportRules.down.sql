ALTER TABLE cycles DROP CONSTRAINT ck_cycles_threshold;
-- ---- next command ----
ALTER TABLE cycle_report_summaries DROP COLUMN rules_version;
-- ---- next command ----
ALTER TABLE cycles ADD CONSTRAINT ck_cycles_threshold CHECK (anonymity_threshold BETWEEN 2 AND 10);
