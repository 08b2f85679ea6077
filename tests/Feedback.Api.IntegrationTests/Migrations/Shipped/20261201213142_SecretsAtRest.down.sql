DROP INDEX ix_webhook_deliveries_due_by_organization;
-- ---- next command ----
DROP INDEX ix_outbox_events_pending_by_organization;
-- ---- next command ----
ALTER TABLE webhook_subscriptions DROP COLUMN previous_protected_secret;
-- ---- next command ----
ALTER TABLE webhook_subscriptions DROP COLUMN previous_secret_expires_at;
-- ---- next command ----
ALTER TABLE webhook_subscriptions DROP COLUMN protected_secret;
-- ---- next command ----
UPDATE webhook_subscriptions SET secret = '' WHERE secret IS NULL;
-- ---- next command ----
ALTER TABLE webhook_subscriptions ALTER COLUMN secret SET NOT NULL;
-- ---- next command ----
CREATE INDEX ix_outbox_events_organization_id ON outbox_events (organization_id);
