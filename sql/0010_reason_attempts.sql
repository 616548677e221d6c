-- Jobs whose downloads gave neither an error file nor a failureReason: Zuora answers /downloads with 404 for a job
-- that did not complete, and some jobs never have a file. Each night such a job is asked again counts here; after the
-- last allowed night it is recorded as having no error file (no_error_file_at) and never asked again. A job that later
-- yields a file or a reason is collected as usual, and its row here is only history.
CREATE TABLE bulk_job_failure_reason_attempts (
    job_id                TEXT    NOT NULL PRIMARY KEY,
    nights                INTEGER NOT NULL CHECK (nights >= 1),
    last_asked_at         TEXT    NOT NULL,
    last_run_id           TEXT,
    no_error_file_at      TEXT,
    no_error_file_run_id  TEXT
) STRICT;
