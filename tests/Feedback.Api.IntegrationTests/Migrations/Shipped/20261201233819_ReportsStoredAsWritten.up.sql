ALTER TABLE subject_reports ALTER COLUMN report TYPE json;
-- ---- next command ----
DO $$
BEGIN
    ALTER TABLE subject_reports ALTER COLUMN report SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this server has no lz4: person reports keep the default compression';
END $$;
