INSERT INTO etl_run_jobs (run_id, job_id, kind, reason)
VALUES (@RunId, @JobId, @Kind, @Reason)
ON CONFLICT (run_id, job_id) DO UPDATE SET kind = excluded.kind, reason = excluded.reason;
