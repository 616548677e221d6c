-- Every stored state with what a report groups and counts it by: its UTC day, the Monday of its ISO week and its month
-- (stored with the row), '' for a missing object or job type, whether it failed and whether it is final (from
-- job_statuses), and its counts with missing and out-of-range ones as 0. The report queries and the analyst views
-- read it, so their aggregates are plain COUNT and SUM. The stored_ columns show a state's values as it came, for the
-- data-quality list.
CREATE VIEW job_states_reported AS
SELECT
    c.source, c.job_id, c.snapshot_id, c.observed_at, c.created_at, c.status,
    c.created_day                              AS day,
    c.created_week                             AS week,
    c.created_month                            AS month,
    COALESCE(c.object_type, '')                AS object_type,
    COALESCE(c.job_type, '')                   AS job_type,
    COALESCE(st.is_final, 0)                   AS is_final,
    COALESCE(st.is_failed, 0)                  AS is_failed,
    COALESCE(c.row_count, 0)                   AS row_count,
    COALESCE(c.rows_succeeded, 0)              AS rows_succeeded,
    COALESCE(c.rows_failed, 0)                 AS rows_failed,
    c.entity_id                                AS entity_id,
    c.object_type                              AS stored_object_type,
    c.job_type                                 AS stored_job_type,
    c.raw_row_count                            AS stored_row_count,
    c.raw_rows_succeeded                       AS stored_rows_succeeded,
    c.raw_rows_failed                          AS stored_rows_failed
FROM job_states_counted AS c
LEFT JOIN job_statuses AS st ON st.status = c.status;
