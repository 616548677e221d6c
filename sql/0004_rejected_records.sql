-- Records Zuora sent that BulkEtl could not map (issue: a night never lies). One odd record costs that record,
-- never the page or the night; its text is kept here (capped, control characters removed) so someone can see
-- what Zuora sent. source: 'list' for a list entry, 'summary' for a job's summary. job_id is NULL when no
-- id could be read from the record.
CREATE TABLE etl_run_rejected_records (
    id          INTEGER NOT NULL PRIMARY KEY,
    run_id      TEXT    NOT NULL REFERENCES etl_runs (id),
    source      TEXT    NOT NULL CHECK (source IN ('list', 'summary')),
    job_id      TEXT,
    reason      TEXT    NOT NULL,
    evidence    TEXT
) STRICT;

CREATE INDEX ix_etl_run_rejected_records_run ON etl_run_rejected_records (run_id);
