-- The table upsert.sql writes: the shape of the service's sheets table (without its triggers), filled with :rows rows.
DROP TABLE IF EXISTS bench_sheets;
CREATE TABLE bench_sheets (
    id uuid PRIMARY KEY,
    assignment_id uuid NOT NULL,
    dimension text NOT NULL,
    scores jsonb NOT NULL,
    comment text,
    revision integer NOT NULL,
    submitted_at timestamptz NOT NULL,
    UNIQUE (assignment_id, dimension));
INSERT INTO bench_sheets
SELECT gen_random_uuid(), md5(k::text)::uuid, 'Leadership',
       '{"active-listening":3,"empathy":3,"guiding-conversations":3,"implementing-vision":3,"building-trust":3}',
       'Listens before deciding and explains the why; could delegate more of the planning.', 1, now()
FROM generate_series(1, :rows) AS k;
VACUUM ANALYZE bench_sheets;
