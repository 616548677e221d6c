SELECT run_id AS RunId, job_id AS JobId, kind AS Kind, reason AS Reason
FROM etl_run_jobs
WHERE run_id = @RunId
ORDER BY kind, job_id;
