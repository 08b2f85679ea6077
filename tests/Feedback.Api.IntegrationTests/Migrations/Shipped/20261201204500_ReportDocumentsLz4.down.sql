ALTER TABLE subject_reports ALTER COLUMN report SET COMPRESSION default;
