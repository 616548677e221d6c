-- Insert a new job or update a known one. The WHERE clause skips rows whose stored values are all
-- unchanged, so updated_at moves only on a real change and changes() counts only real writes.
-- IS NOT compares NULLs as values (NULL IS NOT NULL is false).
INSERT INTO bulk_jobs (
    id, name, description, created_at, created_by, status,
    row_count, rows_succeeded, rows_failed, last_updated_at, failure_reason,
    object_type, job_type, is_custom_object, custom_object_namespace,
    data_source_type, system_type, file_type, raw_json, first_seen_at, updated_at, entity_id,
    created_day, created_week, created_month)
VALUES (
    @Id, @Name, @Description, @CreatedAt, @CreatedBy, @Status,
    @RowCount, @RowsSucceeded, @RowsFailed, @LastUpdatedAt, @FailureReason,
    @ObjectType, @JobType, @IsCustomObject, @CustomObjectNamespace,
    @DataSourceType, @SystemType, @FileType, @RawJson, @FirstSeenAt, @UpdatedAt, @EntityId,
    @CreatedDay, @CreatedWeek, @CreatedMonth)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name,
    description = excluded.description,
    created_at = excluded.created_at,
    created_day = excluded.created_day,
    created_week = excluded.created_week,
    created_month = excluded.created_month,
    created_by = excluded.created_by,
    status = excluded.status,
    row_count = excluded.row_count,
    rows_succeeded = excluded.rows_succeeded,
    rows_failed = excluded.rows_failed,
    last_updated_at = excluded.last_updated_at,
    failure_reason = excluded.failure_reason,
    object_type = excluded.object_type,
    job_type = excluded.job_type,
    is_custom_object = excluded.is_custom_object,
    custom_object_namespace = excluded.custom_object_namespace,
    data_source_type = excluded.data_source_type,
    system_type = excluded.system_type,
    file_type = excluded.file_type,
    raw_json = excluded.raw_json,
    updated_at = excluded.updated_at,
    -- A run without an entity header keeps the entity an earlier run stored.
    entity_id = COALESCE(excluded.entity_id, bulk_jobs.entity_id),
    -- Zuora answered again, so the job exists (again).
    not_found_at = NULL
WHERE bulk_jobs.not_found_at IS NOT NULL
   OR bulk_jobs.name IS NOT excluded.name
   OR bulk_jobs.description IS NOT excluded.description
   OR bulk_jobs.created_at IS NOT excluded.created_at
   OR bulk_jobs.created_by IS NOT excluded.created_by
   OR bulk_jobs.status IS NOT excluded.status
   OR bulk_jobs.row_count IS NOT excluded.row_count
   OR bulk_jobs.rows_succeeded IS NOT excluded.rows_succeeded
   OR bulk_jobs.rows_failed IS NOT excluded.rows_failed
   OR bulk_jobs.last_updated_at IS NOT excluded.last_updated_at
   OR bulk_jobs.failure_reason IS NOT excluded.failure_reason
   OR bulk_jobs.object_type IS NOT excluded.object_type
   OR bulk_jobs.job_type IS NOT excluded.job_type
   OR bulk_jobs.is_custom_object IS NOT excluded.is_custom_object
   OR bulk_jobs.custom_object_namespace IS NOT excluded.custom_object_namespace
   OR bulk_jobs.data_source_type IS NOT excluded.data_source_type
   OR bulk_jobs.system_type IS NOT excluded.system_type
   OR bulk_jobs.file_type IS NOT excluded.file_type
   OR bulk_jobs.raw_json IS NOT excluded.raw_json
   OR (excluded.entity_id IS NOT NULL AND bulk_jobs.entity_id IS NOT excluded.entity_id);
