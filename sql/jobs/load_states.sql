-- What incremental extraction needs to decide whether a job must be fetched again, for the ids in @Ids (a JSON
-- array: one list page or one batch). Looked up by primary key: an "@Ids IS NULL OR" here made SQLite scan the
-- whole table for every page, so a first run grew with the square of the tenant (issue 11).
SELECT
    id AS Id, status AS Status, row_count AS RowCount, rows_succeeded AS RowsSucceeded,
    rows_failed AS RowsFailed, last_updated_at AS LastUpdatedAt
FROM bulk_jobs
WHERE id IN (SELECT value FROM json_each(@Ids));
