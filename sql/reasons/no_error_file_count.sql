-- How many jobs a run recorded as having no error file (asked on every allowed night, never a file nor a reason).
SELECT COUNT(*) FROM bulk_job_failure_reason_attempts WHERE no_error_file_run_id = @RunId;
