INSERT INTO bulk_job_failure_reasons (job_id, code, category, reason, rows)
VALUES (@JobId, @Code, @Category, @Reason, @Rows)
ON CONFLICT (job_id, code, reason) DO UPDATE SET rows = rows + excluded.rows;
