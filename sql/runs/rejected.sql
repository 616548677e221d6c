SELECT run_id AS RunId, source AS Source, job_id AS JobId, reason AS Reason, evidence AS Evidence
FROM etl_run_rejected_records
WHERE run_id = @RunId
ORDER BY id;
