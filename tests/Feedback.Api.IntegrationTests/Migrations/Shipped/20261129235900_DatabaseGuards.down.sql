DROP TRIGGER IF EXISTS sheets_keep_revision ON sheets;
DROP TRIGGER IF EXISTS sheets_check ON sheets;
DROP FUNCTION IF EXISTS sheets_keep_revision();
DROP FUNCTION IF EXISTS sheets_check();
DROP FUNCTION IF EXISTS sheet_scores_values_valid(jsonb, integer, integer);
DROP FUNCTION IF EXISTS sheet_scores_keys_valid(uuid, text, jsonb);
