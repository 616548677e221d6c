-- One row per Zuora bulk job, keyed by Zuora's job id.
-- Timestamps are UTC ISO-8601 text 'YYYY-MM-DDTHH:MM:SSZ': it sorts as text, so range filters
-- use the index, and SQLite's date functions read it. NULL means Zuora did not send the field.
CREATE TABLE bulk_jobs (
    id                      TEXT    NOT NULL PRIMARY KEY,
    name                    TEXT,
    description             TEXT,
    created_at              TEXT,
    created_by              TEXT,
    status                  TEXT,
    row_count               INTEGER,
    rows_succeeded          INTEGER,
    rows_failed             INTEGER,
    last_updated_at         TEXT,
    failure_reason          TEXT,
    object_type             TEXT,
    job_type                TEXT,
    is_custom_object        INTEGER CHECK (is_custom_object IN (0, 1)),
    custom_object_namespace TEXT,
    data_source_type        TEXT,
    system_type             TEXT,
    file_type               TEXT,
    -- The summary exactly as Zuora sent it, so fields Zuora adds later are not lost.
    raw_json                TEXT    NOT NULL,
    -- When BulkEtl first stored this job, and when it last changed a stored value.
    first_seen_at           TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL
) STRICT;

CREATE INDEX ix_bulk_jobs_created_at ON bulk_jobs (created_at);

CREATE INDEX ix_bulk_jobs_object_type_job_type ON bulk_jobs (object_type, job_type);
