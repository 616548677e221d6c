INSERT INTO etl_run_rejected_records (run_id, source, job_id, reason, evidence)
VALUES (@RunId, @Source, @JobId, @Reason, @Evidence);
