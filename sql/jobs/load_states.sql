-- What incremental extraction needs to decide whether a job must be fetched again;
-- @Ids is a JSON array of job ids (one list page), or NULL for every job.
SELECT
    id AS Id, status AS Status, row_count AS RowCount, rows_succeeded AS RowsSucceeded,
    rows_failed AS RowsFailed, last_updated_at AS LastUpdatedAt
FROM bulk_jobs
WHERE @Ids IS NULL OR id IN (SELECT value FROM json_each(@Ids));
