DROP INDEX ix_outbox_events_organization_id;
-- ---- next command ----
ALTER TABLE webhook_subscriptions ALTER COLUMN secret DROP NOT NULL;
-- ---- next command ----
ALTER TABLE webhook_subscriptions ADD previous_protected_secret bytea;
-- ---- next command ----
ALTER TABLE webhook_subscriptions ADD previous_secret_expires_at timestamp with time zone;
-- ---- next command ----
ALTER TABLE webhook_subscriptions ADD protected_secret bytea;
-- ---- next command ----
CREATE INDEX ix_webhook_deliveries_due_by_organization ON webhook_deliveries (organization_id, next_attempt_at) WHERE status = 'Pending';
-- ---- next command ----
CREATE INDEX ix_outbox_events_pending_by_organization ON outbox_events (organization_id, occurred_at) WHERE fanned_out_at IS NULL;
-- ---- next command ----
DELETE FROM idempotency_records WHERE response_body IS NOT NULL;
