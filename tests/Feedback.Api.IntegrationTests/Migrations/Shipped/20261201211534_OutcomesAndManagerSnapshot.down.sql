DROP TABLE outcomes;
-- ---- next command ----
ALTER TABLE subject_reports DROP COLUMN manager_external_id;
