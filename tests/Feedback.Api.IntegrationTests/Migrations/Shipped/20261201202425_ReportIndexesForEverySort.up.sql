DROP INDEX ix_subject_reports_gap_desc;
-- ---- next command ----
CREATE INDEX ix_subject_reports_gap ON subject_reports (cycle_id, gap_score, external_id) WHERE reportable;
-- ---- next command ----
CREATE INDEX ix_subject_reports_gap_desc ON subject_reports (cycle_id, gap_score DESC, external_id) WHERE reportable;
-- ---- next command ----
CREATE INDEX ix_subject_reports_leadership_desc ON subject_reports (cycle_id, leadership DESC, external_id) WHERE reportable;
-- ---- next command ----
CREATE INDEX ix_subject_reports_management_desc ON subject_reports (cycle_id, management DESC, external_id) WHERE reportable;
-- ---- next command ----
ALTER TABLE subject_reports ADD CONSTRAINT ck_subject_reports_reportable_figures CHECK (NOT reportable OR (leadership IS NOT NULL AND management IS NOT NULL AND quadrant IS NOT NULL));
