-- Each rule once (issue 9). Until now the final and the known statuses were written in C#, in two queries and in
-- two views; the ISO week and the failure-rate aggregate in a view and again in the report query. Here:
--   * job_statuses: Zuora's documented status enum and which values are final. Its rows must equal
--     BulkEtl.Model.JobStatuses (All, Final, Failed); a test compares them, so neither side can drift alone.
--   * job_states_reported: every stored state with what a report groups and counts it by: its UTC day, the Monday
--     of its ISO week, its month, '' for a missing object/job type, whether it failed and whether it is final, and
--     its counts with missing and out-of-range ones as 0. The report query (queries/report_jobs.sql and
--     queries/failure_rates.sql) and the analyst views both read it, so their aggregates are plain COUNT and SUM.
--   * failure_rates_by_period: the failure rate half away from zero to 4 decimals from the integer sums (the rule
--     of the CSV reports, see FailureRateRow.Rate; no double division).

CREATE TABLE job_statuses (
    status   TEXT    NOT NULL PRIMARY KEY,
    is_final INTEGER NOT NULL CHECK (is_final IN (0, 1)),
    is_failed INTEGER NOT NULL CHECK (is_failed IN (0, 1))
);

INSERT INTO job_statuses (status, is_final, is_failed) VALUES
    ('Created',     0, 0),
    ('Submitted',   0, 0),
    ('In Progress', 0, 0),
    ('Aborting',    0, 0),
    ('Completed',   1, 0),
    ('Failed',      1, 1),
    ('Aborted',     1, 0),
    ('Cancelled',   1, 0),
    ('Downloading', 0, 0);

-- Every stored state (current and snapshots, as job_states_counted) with what a report groups and counts it by.
-- The Monday of the ISO week: six days back, then forward to the next Monday (the same day if it is one).
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
    COALESCE(c.rows_failed, 0)                 AS rows_failed
FROM job_states_counted AS c
LEFT JOIN job_statuses AS st ON st.status = c.status;

-- The analyst views over the current state, now reading job_states_reported: same names, same columns.
DROP VIEW daily_failure_rates;
DROP VIEW weekly_failure_rates;
DROP VIEW monthly_failure_rates;
DROP VIEW failure_rates_by_period;
DROP VIEW bulk_job_periods;

CREATE VIEW bulk_job_periods AS
SELECT 'day' AS period_kind, day AS period, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
FROM job_states_reported WHERE source = 'current' AND created_at IS NOT NULL
UNION ALL
SELECT 'week', week, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
FROM job_states_reported WHERE source = 'current' AND created_at IS NOT NULL
UNION ALL
SELECT 'month', month, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
FROM job_states_reported WHERE source = 'current' AND created_at IS NOT NULL;

-- The rate: rows_failed / processed rounded half away from zero to 4 decimals, in integers: (2·10^4·failed +
-- processed) div (2·processed) ten-thousandths, exact where a double division is not. Beyond 4·10^14 processed rows
-- (where 2·10^4·failed could overflow a 64-bit integer) it falls back to round() on a double.
CREATE VIEW failure_rates_by_period AS
SELECT
    period_kind, period, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed,
    CASE WHEN rows_succeeded + rows_failed = 0 THEN NULL
         WHEN rows_succeeded + rows_failed < 400000000000000
             THEN ((20000 * rows_failed + rows_succeeded + rows_failed) / (2 * (rows_succeeded + rows_failed))) / 10000.0
         ELSE round(CAST(rows_failed AS REAL) / (rows_succeeded + rows_failed), 4)
    END AS failure_rate
FROM (
    SELECT period_kind, period, object_type, job_type,
           COUNT(*) AS jobs, SUM(is_failed) AS jobs_failed,
           SUM(row_count) AS row_count, SUM(rows_succeeded) AS rows_succeeded, SUM(rows_failed) AS rows_failed
    FROM bulk_job_periods
    GROUP BY period_kind, period, object_type, job_type
);

CREATE VIEW daily_failure_rates AS
SELECT period AS day, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM failure_rates_by_period WHERE period_kind = 'day';

CREATE VIEW weekly_failure_rates AS
SELECT period AS week, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM failure_rates_by_period WHERE period_kind = 'week';

CREATE VIEW monthly_failure_rates AS
SELECT period AS month, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM failure_rates_by_period WHERE period_kind = 'month';

-- 0005's quality rules, unchanged but for unknown_status, which now reads job_statuses.
DROP VIEW bulk_job_quality_issues;
DROP VIEW job_state_quality_issues;

CREATE VIEW job_state_quality_issues AS
SELECT source, job_id, snapshot_id, 'succeeded_plus_failed_exceeds_row_count' AS rule,
       printf('rowsSucceeded %d + rowsFailed %d > rowCount %d',
              COALESCE(rows_succeeded, 0), COALESCE(rows_failed, 0), row_count) AS detail
FROM job_states_counted
WHERE row_count IS NOT NULL
  AND raw_rows_succeeded IS rows_succeeded AND raw_rows_failed IS rows_failed
  AND COALESCE(rows_succeeded, 0) + COALESCE(rows_failed, 0) > row_count
UNION ALL
SELECT source, job_id, snapshot_id, 'negative_count',
       printf('rowCount %s, rowsSucceeded %s, rowsFailed %s',
              COALESCE(raw_row_count, 'null'), COALESCE(raw_rows_succeeded, 'null'), COALESCE(raw_rows_failed, 'null'))
FROM job_states_counted
WHERE raw_row_count < 0 OR raw_rows_succeeded < 0 OR raw_rows_failed < 0
UNION ALL
SELECT source, job_id, snapshot_id, 'count_out_of_range',
       printf('rowCount %s, rowsSucceeded %s, rowsFailed %s: a count above the range is counted as 0',
              COALESCE(raw_row_count, 'null'), COALESCE(raw_rows_succeeded, 'null'), COALESCE(raw_rows_failed, 'null'))
FROM job_states_counted
WHERE (raw_row_count > 0 AND row_count IS NULL)
   OR (raw_rows_succeeded > 0 AND rows_succeeded IS NULL)
   OR (raw_rows_failed > 0 AND rows_failed IS NULL)
UNION ALL
SELECT source, job_id, snapshot_id, 'updated_before_created', printf('lastUpdatedAt %s < createdAt %s', last_updated_at, created_at)
FROM job_states_counted
WHERE last_updated_at < created_at
UNION ALL
SELECT source, job_id, snapshot_id, 'unknown_status', printf('status %s', COALESCE('"' || status || '"', 'missing'))
FROM job_states_counted
WHERE status IS NULL
   OR status NOT IN (SELECT status FROM job_statuses);

CREATE VIEW bulk_job_quality_issues AS
SELECT job_id, rule, detail
FROM job_state_quality_issues
WHERE source = 'current';
