-- Every stored state of a job, current (bulk_jobs) and past (bulk_job_snapshots), with its counts as stored (raw_*)
-- and as a report counts them: the one place the sane range of a count is written. A count below 0 or above 10^12
-- rows is kept as stored, flagged by job_state_quality_issues, and counted as missing, so no sum can overflow.
CREATE VIEW job_states_counted AS
SELECT
    source, job_id, snapshot_id, observed_at, created_at, last_updated_at, object_type, job_type, status,
    row_count AS raw_row_count, rows_succeeded AS raw_rows_succeeded, rows_failed AS raw_rows_failed,
    CASE WHEN row_count      BETWEEN 0 AND 1000000000000 THEN row_count      END AS row_count,
    CASE WHEN rows_succeeded BETWEEN 0 AND 1000000000000 THEN rows_succeeded END AS rows_succeeded,
    CASE WHEN rows_failed    BETWEEN 0 AND 1000000000000 THEN rows_failed    END AS rows_failed,
    entity_id, created_day, created_week, created_month
FROM (
    SELECT 'current' AS source, id AS job_id, NULL AS snapshot_id, NULL AS observed_at, created_at, last_updated_at,
           object_type, job_type, status, row_count, rows_succeeded, rows_failed, entity_id,
           created_day, created_week, created_month
    FROM bulk_jobs
    UNION ALL
    SELECT 'snapshot', job_id, id, observed_at, created_at, last_updated_at,
           object_type, job_type, status, row_count, rows_succeeded, rows_failed, entity_id,
           created_day, created_week, created_month
    FROM bulk_job_snapshots
) AS states;
