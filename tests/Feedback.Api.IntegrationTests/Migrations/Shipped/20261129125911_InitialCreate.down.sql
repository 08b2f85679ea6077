DROP TABLE api_keys;
-- ---- next command ----
DROP TABLE cycle_behaviors;
-- ---- next command ----
DROP TABLE cycle_report_summaries;
-- ---- next command ----
DROP TABLE idempotency_records;
-- ---- next command ----
DROP TABLE sheet_revisions;
-- ---- next command ----
DROP TABLE subject_reports;
-- ---- next command ----
DROP TABLE webhook_delivery_attempts;
-- ---- next command ----
DROP TABLE behaviors;
-- ---- next command ----
DROP TABLE sheets;
-- ---- next command ----
DROP TABLE webhook_deliveries;
-- ---- next command ----
DROP TABLE assignments;
-- ---- next command ----
DROP TABLE outbox_events;
-- ---- next command ----
DROP TABLE webhook_subscriptions;
-- ---- next command ----
DROP TABLE cycles;
-- ---- next command ----
DROP TABLE people;
-- ---- next command ----
DROP TABLE organizations;
