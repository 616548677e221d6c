-- One more night (run) that found neither an error file nor a failureReason for the job; asked twice in one run, it
-- counts once. At @MaxNights the job is recorded as having no error file.
INSERT INTO bulk_job_failure_reason_attempts (job_id, nights, last_asked_at, last_run_id, no_error_file_at, no_error_file_run_id)
VALUES (@JobId, 1, @AskedAt, @RunId,
        CASE WHEN @MaxNights <= 1 THEN @AskedAt END, CASE WHEN @MaxNights <= 1 THEN @RunId END)
ON CONFLICT (job_id) DO UPDATE SET
    nights               = nights + 1,
    last_asked_at        = excluded.last_asked_at,
    last_run_id          = excluded.last_run_id,
    no_error_file_at     = CASE WHEN nights + 1 >= @MaxNights THEN excluded.last_asked_at END,
    no_error_file_run_id = CASE WHEN nights + 1 >= @MaxNights THEN excluded.last_run_id END
WHERE last_run_id IS NOT excluded.last_run_id
RETURNING no_error_file_at IS NOT NULL AS GaveUp;
