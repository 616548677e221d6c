-- Jobs created on the UTC day [@DayStart, @DayEnd) (instants in the store's text form) whose current status is
-- Failed: the digest lists them as failed outright.
SELECT id AS Id, COALESCE(object_type, '') AS ObjectType, COALESCE(job_type, '') AS JobType, created_at AS CreatedAt,
       row_count AS RowCount, rows_failed AS RowsFailed, failure_reason AS FailureReason
FROM bulk_jobs
WHERE status = 'Failed' AND created_at >= @DayStart AND created_at < @DayEnd
ORDER BY created_at, id;
