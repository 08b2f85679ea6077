DROP INDEX ix_subject_reports_gap;
-- ---- next command ----
DROP INDEX ix_subject_reports_gap_desc;
-- ---- next command ----
DROP INDEX ix_subject_reports_leadership_desc;
-- ---- next command ----
DROP INDEX ix_subject_reports_management_desc;
-- ---- next command ----
ALTER TABLE subject_reports DROP CONSTRAINT ck_subject_reports_reportable_figures;
-- ---- next command ----
CREATE INDEX ix_subject_reports_gap_desc ON subject_reports (cycle_id NULLS LAST, gap_score DESC NULLS LAST, external_id NULLS LAST) WHERE reportable;
