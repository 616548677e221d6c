-- Multi-entity tenants (issue 10). Each job keeps the Zuora entity it was listed and fetched under (the
-- Zuora-Entity-Ids header of the run, a UUID); NULL when the run sent no entity header (a single-entity tenant).
-- Job ids are Zuora's UUIDs, unique across entities, so the key stays id. The snapshots carry the entity too, so a
-- report as of an instant filters by entity the same way. The reports add an entityId column only when more than one
-- entity is stored (sql/queries/report_jobs.sql and failure_rates.sql, which read job_states_reported).
-- (Numbered 0006 in branch h-opsrun; renumbered 0008 on merge, after 0006_one_rule_each and 0007_failure_reasons.)
ALTER TABLE bulk_jobs ADD COLUMN entity_id TEXT;

ALTER TABLE bulk_job_snapshots ADD COLUMN entity_id TEXT;

CREATE INDEX ix_bulk_jobs_entity_id ON bulk_jobs (entity_id);

-- 0005's view with entity_id as its last column. The views that read it (job_states_reported,
-- job_state_quality_issues) name their columns, so they still read the same ones.
DROP VIEW job_states_counted;

CREATE VIEW job_states_counted AS
SELECT
    source, job_id, snapshot_id, observed_at, created_at, last_updated_at, object_type, job_type, status,
    row_count AS raw_row_count, rows_succeeded AS raw_rows_succeeded, rows_failed AS raw_rows_failed,
    CASE WHEN row_count      BETWEEN 0 AND 1000000000000 THEN row_count      END AS row_count,
    CASE WHEN rows_succeeded BETWEEN 0 AND 1000000000000 THEN rows_succeeded END AS rows_succeeded,
    CASE WHEN rows_failed    BETWEEN 0 AND 1000000000000 THEN rows_failed    END AS rows_failed,
    entity_id
FROM (
    SELECT 'current' AS source, id AS job_id, NULL AS snapshot_id, NULL AS observed_at, created_at, last_updated_at,
           object_type, job_type, status, row_count, rows_succeeded, rows_failed, entity_id
    FROM bulk_jobs
    UNION ALL
    SELECT 'snapshot', job_id, id, observed_at, created_at, last_updated_at,
           object_type, job_type, status, row_count, rows_succeeded, rows_failed, entity_id
    FROM bulk_job_snapshots
);

-- 0006's job_states_reported, every rule unchanged, with entity_id as its last column: the report query
-- (queries/report_jobs.sql) filters and failure_rates.sql groups by it. bulk_job_periods names its columns, so it
-- and the views over it are unchanged.
DROP VIEW job_states_reported;

CREATE VIEW job_states_reported AS
SELECT
    c.source, c.job_id, c.snapshot_id, c.observed_at, c.created_at, c.status,
    date(c.created_at)                         AS day,
    date(c.created_at, '-6 days', 'weekday 1') AS week,
    strftime('%Y-%m', c.created_at)            AS month,
    COALESCE(c.object_type, '')                AS object_type,
    COALESCE(c.job_type, '')                   AS job_type,
    COALESCE(st.is_final, 0)                   AS is_final,
    COALESCE(st.is_failed, 0)                  AS is_failed,
    COALESCE(c.row_count, 0)                   AS row_count,
    COALESCE(c.rows_succeeded, 0)              AS rows_succeeded,
    COALESCE(c.rows_failed, 0)                 AS rows_failed,
    c.entity_id                                AS entity_id
FROM job_states_counted AS c
LEFT JOIN job_statuses AS st ON st.status = c.status;
