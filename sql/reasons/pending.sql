-- Jobs whose failure reasons are worth collecting and not collected yet: a final status (job_statuses, the one
-- definition handed over from JobStatuses), failed rows, no marker. On a multi-entity run (@AnyEntity = 0) only the
-- jobs of @EntityId: their downloads must be asked under their own entity's header (the entities migration).
SELECT j.id AS JobId, j.failure_reason AS FailureReason, j.rows_failed AS RowsFailed
FROM bulk_jobs AS j
JOIN job_statuses AS s ON s.status = j.status AND s.is_final = 1
WHERE j.rows_failed > 0
  AND j.not_found_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM bulk_job_failure_reason_runs AS m WHERE m.job_id = j.id)
  AND (@AnyEntity = 1 OR j.entity_id IS @EntityId)
ORDER BY j.created_at, j.id;
