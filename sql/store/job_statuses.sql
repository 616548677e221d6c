-- The statuses SQL knows, to compare with BulkEtl.Model.JobStatuses before rewriting them.
SELECT status AS Status, is_final AS IsFinal, is_failed AS IsFailed FROM job_statuses ORDER BY status;
