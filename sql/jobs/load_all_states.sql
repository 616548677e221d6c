-- What incremental extraction needs to decide whether a job must be fetched again, for every stored job.
SELECT
    id AS Id, status AS Status, row_count AS RowCount, rows_succeeded AS RowsSucceeded,
    rows_failed AS RowsFailed, last_updated_at AS LastUpdatedAt
FROM bulk_jobs;
