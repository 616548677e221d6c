-- Jobs whose failure reasons are worth collecting and not collected yet: a final status (job_statuses, the one
-- definition handed over from JobStatuses), failed rows, no marker, not recorded as having no error file. On a
-- multi-entity run (@AnyEntity = 0) only the jobs of @EntityId: their downloads must be asked under their own entity's
-- header (the entities migration). Nights counts the earlier nights that found neither a file nor a reason.
SELECT j.id AS JobId, j.failure_reason AS FailureReason, j.rows_failed AS RowsFailed, j.status AS Status, j.file_type AS FileType,
       COALESCE(a.nights, 0) AS Nights
FROM bulk_jobs AS j
JOIN job_statuses AS s ON s.status = j.status AND s.is_final = 1
LEFT JOIN bulk_job_failure_reason_attempts AS a ON a.job_id = j.id
WHERE j.rows_failed > 0
  AND j.not_found_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM bulk_job_failure_reason_runs AS m WHERE m.job_id = j.id)
  AND a.no_error_file_at IS NULL
  AND (@AnyEntity = 1 OR j.entity_id IS @EntityId)
ORDER BY j.created_at, j.id;
