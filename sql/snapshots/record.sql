-- Adds a snapshot when the job is first seen or its state differs from its latest snapshot; never otherwise.
-- The unique (job_id, run_id) index keeps one state per run: a second fetch in the same run updates it.
INSERT INTO bulk_job_snapshots (
    job_id, observed_at, run_id, status, row_count, rows_succeeded, rows_failed, last_updated_at,
    created_at, object_type, job_type, failure_reason, not_found, entity_id, created_day, created_week, created_month)
SELECT @Id, @ObservedAt, @RunId, @Status, @RowCount, @RowsSucceeded, @RowsFailed, @LastUpdatedAt,
       @CreatedAt, @ObjectType, @JobType, @FailureReason, 0, @EntityId, @CreatedDay, @CreatedWeek, @CreatedMonth
WHERE NOT EXISTS (
    SELECT 1
    FROM (SELECT * FROM bulk_job_snapshots WHERE job_id = @Id ORDER BY observed_at DESC, id DESC LIMIT 1) AS latest
    WHERE latest.status IS @Status
      AND latest.row_count IS @RowCount
      AND latest.rows_succeeded IS @RowsSucceeded
      AND latest.rows_failed IS @RowsFailed
      AND latest.last_updated_at IS @LastUpdatedAt
      AND latest.created_at IS @CreatedAt
      AND latest.object_type IS @ObjectType
      AND latest.job_type IS @JobType
      AND latest.failure_reason IS @FailureReason
      AND latest.not_found = 0)
ON CONFLICT (job_id, run_id) DO UPDATE SET
    status = excluded.status,
    row_count = excluded.row_count,
    rows_succeeded = excluded.rows_succeeded,
    rows_failed = excluded.rows_failed,
    last_updated_at = excluded.last_updated_at,
    created_at = excluded.created_at,
    created_day = excluded.created_day,
    created_week = excluded.created_week,
    created_month = excluded.created_month,
    object_type = excluded.object_type,
    job_type = excluded.job_type,
    failure_reason = excluded.failure_reason,
    not_found = 0,
    entity_id = excluded.entity_id;
