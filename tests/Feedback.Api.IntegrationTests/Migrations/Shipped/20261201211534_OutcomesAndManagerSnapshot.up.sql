ALTER TABLE subject_reports ADD manager_external_id character varying(128);
-- ---- next command ----
CREATE TABLE outcomes (
    organization_id uuid NOT NULL,
    cycle_id uuid NOT NULL,
    person_id uuid NOT NULL,
    productivity double precision,
    engagement double precision,
    retention double precision,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_outcomes PRIMARY KEY (organization_id, cycle_id, person_id),
    CONSTRAINT ck_outcomes_finite CHECK ((productivity IS NULL OR productivity NOT IN ('NaN', 'Infinity', '-Infinity')) AND (engagement IS NULL OR engagement NOT IN ('NaN', 'Infinity', '-Infinity')) AND (retention IS NULL OR retention <> 'NaN')),
    CONSTRAINT ck_outcomes_retention CHECK (retention IS NULL OR (retention >= 0 AND retention <= 1)),
    CONSTRAINT fk_outcomes_cycles_organization_id_cycle_id FOREIGN KEY (organization_id, cycle_id) REFERENCES cycles (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_outcomes_people_organization_id_person_id FOREIGN KEY (organization_id, person_id) REFERENCES people (organization_id, id) ON DELETE RESTRICT
);
-- ---- next command ----
CREATE INDEX ix_outcomes_organization_id_person_id ON outcomes (organization_id, person_id);
