-- The analyst view of why rows failed, per UTC day of the job's creation, object type, job type and reason, over the
-- current state of every dated job: grouped by rules/failure_reason_groups.sql, the definition the failure-reason CSV
-- uses, so a missing object or job type is the '' group here as there. Re-created by `run` when its text here differs
-- from the store's. Its columns are the analysts' contract (the share is the CSV's, per window, and not one of them).
DROP VIEW IF EXISTS failure_reasons_by_day;
CREATE VIEW failure_reasons_by_day AS
SELECT period AS day, object_type, job_type, category, code, reason, rows, jobs
FROM (
    WITH reason_states AS (
        SELECT s.day AS period, s.object_type, s.job_type, r.job_id, r.category, r.code, r.reason, r.rows
        FROM job_states_reported AS s
        JOIN bulk_job_failure_reasons AS r ON r.job_id = s.job_id
        WHERE s.source = 'current' AND s.created_at IS NOT NULL
    )
    -- @include rules/failure_reason_groups.sql
);
