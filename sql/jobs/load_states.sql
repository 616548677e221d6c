-- What incremental extraction needs to decide whether a job must be fetched again, for the ids in batch_ids (one list
-- page or one batch), looked up by primary key.
SELECT
    id AS Id, status AS Status, row_count AS RowCount, rows_succeeded AS RowsSucceeded,
    rows_failed AS RowsFailed, last_updated_at AS LastUpdatedAt
FROM bulk_jobs
WHERE id IN (SELECT id FROM batch_ids);
