ALTER TABLE subject_reports ALTER COLUMN external_id TYPE character varying(128) COLLATE "C";
-- ---- next command ----
ALTER TABLE subject_reports ALTER COLUMN display_name TYPE character varying(200) COLLATE "C";
