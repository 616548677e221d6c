INSERT INTO bulk_job_failure_reason_runs (job_id, collected_at, run_id, source, rows_read)
VALUES (@JobId, @CollectedAt, @RunId, @Source, @RowsRead)
ON CONFLICT (job_id) DO NOTHING;
