-- Why rows fail (issue 12). Per job and fingerprint only: the 8-digit code, its category, the message as a template
-- with every value replaced by a placeholder (src/BulkEtl/Reasons/ReasonFingerprinter.cs), and how many failed rows
-- said so. No value from a row is ever stored. (Numbered 0006 in branch h-reasons; renumber to 0007 on merge.)

-- One row per job whose reasons were collected: its presence means the next run fetches nothing for the job.
-- source: 'error_file' (the rows of its error-rows file) or 'failure_reason' (the summary's failureReason, when the
-- job had no error file).
CREATE TABLE bulk_job_failure_reason_runs (
    job_id        TEXT    NOT NULL PRIMARY KEY,
    collected_at  TEXT    NOT NULL,
    run_id        TEXT,
    source        TEXT    NOT NULL CHECK (source IN ('error_file', 'failure_reason')),
    rows_read     INTEGER NOT NULL CHECK (rows_read >= 0)
) STRICT;

-- code and category are '' when the row carried no code.
CREATE TABLE bulk_job_failure_reasons (
    job_id    TEXT    NOT NULL REFERENCES bulk_job_failure_reason_runs (job_id),
    code      TEXT    NOT NULL,
    category  TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    rows      INTEGER NOT NULL CHECK (rows >= 0),
    PRIMARY KEY (job_id, code, reason)
) STRICT;

-- Failed rows per UTC day of the job's creation, object type, job type and reason, over the current state.
CREATE VIEW failure_reasons_by_day AS
SELECT date(j.created_at)       AS day,
       j.object_type            AS object_type,
       j.job_type               AS job_type,
       r.category               AS category,
       r.code                   AS code,
       r.reason                 AS reason,
       SUM(r.rows)              AS rows,
       COUNT(DISTINCT r.job_id) AS jobs
FROM bulk_job_failure_reasons AS r
JOIN bulk_jobs AS j ON j.id = r.job_id
WHERE j.created_at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;
