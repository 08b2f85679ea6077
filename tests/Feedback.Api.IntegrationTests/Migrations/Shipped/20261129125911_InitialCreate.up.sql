CREATE TABLE idempotency_records (
    credential_id uuid NOT NULL,
    key character varying(255) NOT NULL,
    request_hash bytea NOT NULL,
    response_status integer,
    response_headers jsonb,
    response_body bytea,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_idempotency_records PRIMARY KEY (credential_id, key)
);
-- ---- next command ----
CREATE TABLE organizations (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_organizations PRIMARY KEY (id)
);
-- ---- next command ----
CREATE TABLE api_keys (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    scopes text[] NOT NULL,
    key_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_api_keys PRIMARY KEY (id),
    CONSTRAINT fk_api_keys_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE behaviors (
    organization_id uuid NOT NULL,
    key character varying(64) NOT NULL,
    dimension character varying(16) NOT NULL,
    name character varying(200) NOT NULL,
    description character varying(2000) NOT NULL,
    retired boolean NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_behaviors PRIMARY KEY (organization_id, key),
    CONSTRAINT fk_behaviors_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE cycles (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    status character varying(16) NOT NULL,
    scale_min integer NOT NULL,
    scale_max integer NOT NULL,
    anonymity_threshold integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    opened_at timestamp with time zone,
    closed_at timestamp with time zone,
    CONSTRAINT pk_cycles PRIMARY KEY (id),
    CONSTRAINT ak_cycles_organization_id_id UNIQUE (organization_id, id),
    CONSTRAINT ck_cycles_scale CHECK (scale_min IN (0, 1) AND scale_max BETWEEN 3 AND 10),
    CONSTRAINT ck_cycles_threshold CHECK (anonymity_threshold BETWEEN 2 AND 10),
    CONSTRAINT fk_cycles_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE outbox_events (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    type character varying(64) NOT NULL,
    data json NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    fanned_out_at timestamp with time zone,
    CONSTRAINT pk_outbox_events PRIMARY KEY (id),
    CONSTRAINT fk_outbox_events_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE people (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    external_id character varying(128) NOT NULL,
    display_name character varying(200) NOT NULL,
    email character varying(320),
    manager_id uuid,
    department character varying(200),
    title character varying(200),
    active boolean NOT NULL,
    scim_external_id character varying(256),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_people PRIMARY KEY (id),
    CONSTRAINT ak_people_organization_id_id UNIQUE (organization_id, id),
    CONSTRAINT fk_people_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_people_people_organization_id_manager_id FOREIGN KEY (organization_id, manager_id) REFERENCES people (organization_id, id) ON DELETE RESTRICT
);
-- ---- next command ----
CREATE TABLE webhook_subscriptions (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    url character varying(2048) NOT NULL,
    events text[] NOT NULL,
    description character varying(500),
    secret character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_webhook_subscriptions PRIMARY KEY (id),
    CONSTRAINT ak_webhook_subscriptions_organization_id_id UNIQUE (organization_id, id),
    CONSTRAINT fk_webhook_subscriptions_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE cycle_behaviors (
    cycle_id uuid NOT NULL,
    behavior_key character varying(64) NOT NULL,
    organization_id uuid NOT NULL,
    dimension character varying(16) NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_cycle_behaviors PRIMARY KEY (cycle_id, behavior_key),
    CONSTRAINT fk_cycle_behaviors_behaviors_organization_id_behavior_key FOREIGN KEY (organization_id, behavior_key) REFERENCES behaviors (organization_id, key) ON DELETE RESTRICT,
    CONSTRAINT fk_cycle_behaviors_cycles_organization_id_cycle_id FOREIGN KEY (organization_id, cycle_id) REFERENCES cycles (organization_id, id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE cycle_report_summaries (
    cycle_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    subjects integer NOT NULL,
    reportable integer NOT NULL,
    median_leadership double precision,
    median_management double precision,
    mean_gap double precision,
    leader_and_manager integer NOT NULL,
    leader_only integer NOT NULL,
    manager_only integer NOT NULL,
    developing integer NOT NULL,
    managers_who_arent_leaders integer NOT NULL,
    leaders_who_arent_managers integer NOT NULL,
    CONSTRAINT pk_cycle_report_summaries PRIMARY KEY (cycle_id),
    CONSTRAINT fk_cycle_report_summaries_cycles_organization_id_cycle_id FOREIGN KEY (organization_id, cycle_id) REFERENCES cycles (organization_id, id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE subject_reports (
    cycle_id uuid NOT NULL,
    subject_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    external_id character varying(128) NOT NULL,
    display_name character varying(200) NOT NULL,
    department character varying(200),
    is_manager boolean NOT NULL,
    reportable boolean NOT NULL,
    suppressed boolean NOT NULL,
    leadership double precision,
    management double precision,
    gap_score double precision,
    gap_n integer,
    gap_sd double precision,
    gap_ci_low double precision,
    gap_ci_high double precision,
    gap_significant boolean,
    quadrant character varying(24),
    report jsonb NOT NULL,
    CONSTRAINT pk_subject_reports PRIMARY KEY (cycle_id, subject_id),
    CONSTRAINT ck_subject_reports_quadrant CHECK (quadrant IS NULL OR reportable),
    CONSTRAINT fk_subject_reports_cycles_organization_id_cycle_id FOREIGN KEY (organization_id, cycle_id) REFERENCES cycles (organization_id, id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE assignments (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    cycle_id uuid NOT NULL,
    subject_id uuid NOT NULL,
    rater_id uuid NOT NULL,
    relationship character varying(16) NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_assignments PRIMARY KEY (id),
    CONSTRAINT ak_assignments_organization_id_id UNIQUE (organization_id, id),
    CONSTRAINT ck_assignments_self CHECK ((relationship = 'Self') = (subject_id = rater_id)),
    CONSTRAINT fk_assignments_cycles_organization_id_cycle_id FOREIGN KEY (organization_id, cycle_id) REFERENCES cycles (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_assignments_people_organization_id_rater_id FOREIGN KEY (organization_id, rater_id) REFERENCES people (organization_id, id) ON DELETE RESTRICT,
    CONSTRAINT fk_assignments_people_organization_id_subject_id FOREIGN KEY (organization_id, subject_id) REFERENCES people (organization_id, id) ON DELETE RESTRICT
);
-- ---- next command ----
CREATE TABLE webhook_deliveries (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    event_id uuid NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_webhook_deliveries_outbox_events_event_id FOREIGN KEY (event_id) REFERENCES outbox_events (id) ON DELETE CASCADE,
    CONSTRAINT fk_webhook_deliveries_webhook_subscriptions_organization_id_su FOREIGN KEY (organization_id, subscription_id) REFERENCES webhook_subscriptions (organization_id, id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE sheets (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    cycle_id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    dimension character varying(16) NOT NULL,
    scores jsonb NOT NULL,
    comment character varying(2000),
    revision integer NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sheets PRIMARY KEY (id),
    CONSTRAINT ck_sheets_revision CHECK (revision >= 1),
    CONSTRAINT ck_sheets_scores_object CHECK (jsonb_typeof(scores) = 'object'),
    CONSTRAINT fk_sheets_assignments_organization_id_assignment_id FOREIGN KEY (organization_id, assignment_id) REFERENCES assignments (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_sheets_cycles_organization_id_cycle_id FOREIGN KEY (organization_id, cycle_id) REFERENCES cycles (organization_id, id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE webhook_delivery_attempts (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    delivery_id uuid NOT NULL,
    event_id uuid NOT NULL,
    event_type character varying(64) NOT NULL,
    attempt integer NOT NULL,
    status_code integer,
    error character varying(500),
    duration_ms integer NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_webhook_delivery_attempts PRIMARY KEY (id),
    CONSTRAINT fk_webhook_delivery_attempts_webhook_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE TABLE sheet_revisions (
    id bigint GENERATED BY DEFAULT AS IDENTITY,
    organization_id uuid NOT NULL,
    sheet_id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    dimension character varying(16) NOT NULL,
    scores jsonb NOT NULL,
    comment character varying(2000),
    revision integer NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    replaced_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sheet_revisions PRIMARY KEY (id),
    CONSTRAINT fk_sheet_revisions_sheets_sheet_id FOREIGN KEY (sheet_id) REFERENCES sheets (id) ON DELETE CASCADE
);
-- ---- next command ----
CREATE UNIQUE INDEX ix_api_keys_key_hash ON api_keys (key_hash);
-- ---- next command ----
CREATE INDEX ix_api_keys_organization_id_created_at ON api_keys (organization_id, created_at);
-- ---- next command ----
CREATE INDEX ix_assignments_cycle_id_rater_id ON assignments (cycle_id, rater_id);
-- ---- next command ----
CREATE UNIQUE INDEX ix_assignments_cycle_id_subject_id_rater_id ON assignments (cycle_id, subject_id, rater_id);
-- ---- next command ----
CREATE INDEX ix_assignments_organization_id_cycle_id ON assignments (organization_id, cycle_id);
-- ---- next command ----
CREATE INDEX ix_assignments_organization_id_rater_id ON assignments (organization_id, rater_id);
-- ---- next command ----
CREATE INDEX ix_assignments_organization_id_subject_id ON assignments (organization_id, subject_id);
-- ---- next command ----
CREATE UNIQUE INDEX ix_assignments_token_hash ON assignments (token_hash);
-- ---- next command ----
CREATE UNIQUE INDEX ix_cycle_behaviors_cycle_id_position ON cycle_behaviors (cycle_id, position);
-- ---- next command ----
CREATE INDEX ix_cycle_behaviors_organization_id_behavior_key ON cycle_behaviors (organization_id, behavior_key);
-- ---- next command ----
CREATE INDEX ix_cycle_behaviors_organization_id_cycle_id ON cycle_behaviors (organization_id, cycle_id);
-- ---- next command ----
CREATE INDEX ix_cycle_report_summaries_organization_id_cycle_id ON cycle_report_summaries (organization_id, cycle_id);
-- ---- next command ----
CREATE INDEX ix_cycles_organization_id_created_at ON cycles (organization_id, created_at);
-- ---- next command ----
CREATE INDEX ix_idempotency_records_created_at ON idempotency_records (created_at);
-- ---- next command ----
CREATE UNIQUE INDEX ix_organizations_name ON organizations (name);
-- ---- next command ----
CREATE INDEX ix_outbox_events_fanned_out_at ON outbox_events (fanned_out_at);
-- ---- next command ----
CREATE INDEX ix_outbox_events_organization_id ON outbox_events (organization_id);
-- ---- next command ----
CREATE INDEX ix_outbox_events_pending ON outbox_events (occurred_at) WHERE fanned_out_at IS NULL;
-- ---- next command ----
CREATE INDEX ix_people_organization_id_department ON people (organization_id, department);
-- ---- next command ----
CREATE UNIQUE INDEX ix_people_organization_id_external_id ON people (organization_id, external_id);
-- ---- next command ----
CREATE INDEX ix_people_organization_id_manager_id ON people (organization_id, manager_id);
-- ---- next command ----
CREATE INDEX ix_people_organization_id_scim_external_id ON people (organization_id, scim_external_id);
-- ---- next command ----
CREATE UNIQUE INDEX ix_sheet_revisions_sheet_id_revision ON sheet_revisions (sheet_id, revision);
-- ---- next command ----
CREATE UNIQUE INDEX ix_sheets_assignment_id_dimension ON sheets (assignment_id, dimension);
-- ---- next command ----
CREATE INDEX ix_sheets_cycle_id_dimension ON sheets (cycle_id, dimension);
-- ---- next command ----
CREATE INDEX ix_sheets_organization_id_assignment_id ON sheets (organization_id, assignment_id);
-- ---- next command ----
CREATE INDEX ix_sheets_organization_id_cycle_id ON sheets (organization_id, cycle_id);
-- ---- next command ----
CREATE UNIQUE INDEX ix_subject_reports_cycle_id_external_id ON subject_reports (cycle_id, external_id);
-- ---- next command ----
CREATE INDEX ix_subject_reports_gap_desc ON subject_reports (cycle_id NULLS LAST, gap_score DESC NULLS LAST, external_id NULLS LAST) WHERE reportable;
-- ---- next command ----
CREATE INDEX ix_subject_reports_leadership ON subject_reports (cycle_id, leadership, external_id) WHERE reportable;
-- ---- next command ----
CREATE INDEX ix_subject_reports_management ON subject_reports (cycle_id, management, external_id) WHERE reportable;
-- ---- next command ----
CREATE INDEX ix_subject_reports_name ON subject_reports (cycle_id, display_name, external_id) WHERE reportable;
-- ---- next command ----
CREATE INDEX ix_subject_reports_organization_id_cycle_id ON subject_reports (organization_id, cycle_id);
-- ---- next command ----
CREATE INDEX ix_subject_reports_organization_id_subject_id ON subject_reports (organization_id, subject_id);
-- ---- next command ----
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'Pending';
-- ---- next command ----
CREATE INDEX ix_webhook_deliveries_event_id ON webhook_deliveries (event_id);
-- ---- next command ----
CREATE INDEX ix_webhook_deliveries_organization_id_subscription_id ON webhook_deliveries (organization_id, subscription_id);
-- ---- next command ----
CREATE UNIQUE INDEX ix_webhook_deliveries_subscription_id_event_id ON webhook_deliveries (subscription_id, event_id);
-- ---- next command ----
CREATE INDEX ix_webhook_delivery_attempts_delivery_id ON webhook_delivery_attempts (delivery_id);
-- ---- next command ----
CREATE INDEX ix_webhook_delivery_attempts_subscription_id_id ON webhook_delivery_attempts (subscription_id, id);
