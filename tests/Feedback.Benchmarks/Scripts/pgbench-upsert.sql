-- pgbench: PostgreSQL's own limit for the kind of write a sheet submission is: one single-row
-- INSERT ... ON CONFLICT DO UPDATE of a jsonb row (five scores and a comment) in its own transaction.
-- The rows exist already (the benchmark fills the table), so every transaction takes the update path, as resubmissions do.
\set k random(1, :rows)
\set s1 random(1, 5)
\set s2 random(1, 5)
\set s3 random(1, 5)
\set s4 random(1, 5)
\set s5 random(1, 5)
INSERT INTO bench_sheets AS s (id, assignment_id, dimension, scores, comment, revision, submitted_at)
VALUES (gen_random_uuid(), md5(:k::text)::uuid, 'Leadership',
        jsonb_build_object('active-listening', :s1::int, 'empathy', :s2::int, 'guiding-conversations', :s3::int,
                           'implementing-vision', :s4::int, 'building-trust', :s5::int),
        'Listens before deciding and explains the why; could delegate more of the planning.', 1, now())
ON CONFLICT (assignment_id, dimension) DO UPDATE
    SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, revision = s.revision + 1, submitted_at = EXCLUDED.submitted_at;
