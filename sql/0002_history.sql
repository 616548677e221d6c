-- History and the run ledger (issue: history and nightly-run guarantees).

-- One row per run. A run that was killed stays 'running' with no finished_at; the next run
-- can tell it apart from a live one because it can take the run lock.
CREATE TABLE etl_runs (
    id                  TEXT    NOT NULL PRIMARY KEY,
    started_at          TEXT    NOT NULL,
    finished_at         TEXT,
    outcome             TEXT    NOT NULL DEFAULT 'running'
                        CHECK (outcome IN ('running', 'succeeded', 'partial', 'failed')),
    track_id            TEXT    NOT NULL,
    process_id          INTEGER,
    host_name           TEXT,
    window_from         TEXT,
    window_to           TEXT,
    jobs_listed         INTEGER NOT NULL DEFAULT 0,
    jobs_fetched        INTEGER NOT NULL DEFAULT 0,
    jobs_new            INTEGER NOT NULL DEFAULT 0,
    jobs_changed        INTEGER NOT NULL DEFAULT 0,
    jobs_unchanged      INTEGER NOT NULL DEFAULT 0,
    jobs_not_found      INTEGER NOT NULL DEFAULT 0,
    jobs_failed         INTEGER NOT NULL DEFAULT 0,
    requests            INTEGER NOT NULL DEFAULT 0,
    retries             INTEGER NOT NULL DEFAULT 0,
    too_many_requests   INTEGER NOT NULL DEFAULT 0,
    failure_message     TEXT
) STRICT;

CREATE INDEX ix_etl_runs_started_at ON etl_runs (started_at);

-- The jobs a run could not fetch (failed) or that Zuora no longer knows (not_found), with why.
CREATE TABLE etl_run_jobs (
    run_id  TEXT NOT NULL REFERENCES etl_runs (id),
    job_id  TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('failed', 'not_found')),
    reason  TEXT,
    PRIMARY KEY (run_id, job_id)
) STRICT;

-- Every report file a run wrote, with the SHA-256 of its bytes.
CREATE TABLE etl_run_reports (
    run_id      TEXT    NOT NULL REFERENCES etl_runs (id),
    file_name   TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    bytes       INTEGER NOT NULL,
    PRIMARY KEY (run_id, file_name)
) STRICT;

-- One row per observed state of a job: added when a job is first seen and whenever its state
-- changes, never otherwise. It carries what a report needs, so any past moment can be rebuilt.
CREATE TABLE bulk_job_snapshots (
    id              INTEGER NOT NULL PRIMARY KEY,
    job_id          TEXT    NOT NULL,
    observed_at     TEXT    NOT NULL,
    run_id          TEXT    NOT NULL REFERENCES etl_runs (id),
    status          TEXT,
    row_count       INTEGER,
    rows_succeeded  INTEGER,
    rows_failed     INTEGER,
    last_updated_at TEXT,
    created_at      TEXT,
    object_type     TEXT,
    job_type        TEXT,
    failure_reason  TEXT,
    -- Set when Zuora answered 404: the job was deleted; its last known counts stay in bulk_jobs.
    not_found       INTEGER NOT NULL DEFAULT 0 CHECK (not_found IN (0, 1))
) STRICT;

-- A run records a job's state at most once: a retried batch cannot duplicate a snapshot.
CREATE UNIQUE INDEX ux_bulk_job_snapshots_job_run ON bulk_job_snapshots (job_id, run_id);

CREATE INDEX ix_bulk_job_snapshots_job_observed ON bulk_job_snapshots (job_id, observed_at);

-- When Zuora last answered 404 for the job (NULL while it exists).
ALTER TABLE bulk_jobs ADD COLUMN not_found_at TEXT;
