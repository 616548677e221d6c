-- A deleted job keeps its last known state; the snapshot records that Zuora no longer knows it.
INSERT INTO bulk_job_snapshots (
    job_id, observed_at, run_id, status, row_count, rows_succeeded, rows_failed, last_updated_at,
    created_at, object_type, job_type, failure_reason, not_found, entity_id, created_day, created_week, created_month)
SELECT job_id, @ObservedAt, @RunId, status, row_count, rows_succeeded, rows_failed, last_updated_at,
       created_at, object_type, job_type, failure_reason, 1, entity_id, created_day, created_week, created_month
FROM (SELECT * FROM bulk_job_snapshots WHERE job_id = @JobId ORDER BY observed_at DESC, id DESC LIMIT 1) AS latest
WHERE not_found = 0
ON CONFLICT (job_id, run_id) DO NOTHING;
