SELECT
    id AS Id, name AS Name, description AS Description, created_at AS CreatedAt,
    created_by AS CreatedBy, status AS Status, row_count AS RowCount,
    rows_succeeded AS RowsSucceeded, rows_failed AS RowsFailed, last_updated_at AS LastUpdatedAt,
    failure_reason AS FailureReason, object_type AS ObjectType, job_type AS JobType,
    is_custom_object AS IsCustomObject, custom_object_namespace AS CustomObjectNamespace,
    data_source_type AS DataSourceType, system_type AS SystemType, file_type AS FileType,
    raw_json AS RawJson, first_seen_at AS FirstSeenAt, updated_at AS UpdatedAt
FROM bulk_jobs
WHERE id = @Id;
