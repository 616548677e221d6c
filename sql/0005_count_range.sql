-- Counts outside the sane range (issue 8: "A night never lies"). Two jobs with counts near 5·10^18 made SUM()
-- overflow in every report. A count below 0 or above 10^12 rows is kept in bulk_jobs and the snapshots as
-- stored, flagged by bulk_job_quality_issues, and counted as missing (0) in every sum: the failure-rate and
-- trend queries (sql/queries/report_jobs.sql) and the analyst views read counts through job_states_counted.
-- The quality rules now apply to every stored state, so a data-quality list as of an instant, or of settled jobs
-- only, lists the issues of exactly the states its report counted (sql/queries/data_quality.sql).

-- Every stored state of a job, current (bulk_jobs) and past (bulk_job_snapshots), with its counts as stored
-- (raw_*) and as a report counts them. The one place the sane range of a count is written.
CREATE VIEW job_states_counted AS
SELECT
    source, job_id, snapshot_id, observed_at, created_at, last_updated_at, object_type, job_type, status,
    row_count AS raw_row_count, rows_succeeded AS raw_rows_succeeded, rows_failed AS raw_rows_failed,
    CASE WHEN row_count      BETWEEN 0 AND 1000000000000 THEN row_count      END AS row_count,
    CASE WHEN rows_succeeded BETWEEN 0 AND 1000000000000 THEN rows_succeeded END AS rows_succeeded,
    CASE WHEN rows_failed    BETWEEN 0 AND 1000000000000 THEN rows_failed    END AS rows_failed
FROM (
    SELECT 'current' AS source, id AS job_id, NULL AS snapshot_id, NULL AS observed_at, created_at, last_updated_at,
           object_type, job_type, status, row_count, rows_succeeded, rows_failed
    FROM bulk_jobs
    UNION ALL
    SELECT 'snapshot', job_id, id, observed_at, created_at, last_updated_at,
           object_type, job_type, status, row_count, rows_succeeded, rows_failed
    FROM bulk_job_snapshots
);

-- As in 0003, but over the counted states: failure_rates_by_period and the daily, weekly and monthly views
-- read this view by name, so they follow.
DROP VIEW bulk_job_periods;

CREATE VIEW bulk_job_periods AS
SELECT 'day' AS period_kind, date(created_at) AS period, object_type, job_type, status, row_count, rows_succeeded, rows_failed
FROM job_states_counted WHERE source = 'current' AND created_at IS NOT NULL
UNION ALL
-- The Monday of the ISO week: six days back, then forward to the next Monday (the same day if it is one).
SELECT 'week', date(created_at, '-6 days', 'weekday 1'), object_type, job_type, status, row_count, rows_succeeded, rows_failed
FROM job_states_counted WHERE source = 'current' AND created_at IS NOT NULL
UNION ALL
SELECT 'month', strftime('%Y-%m', created_at), object_type, job_type, status, row_count, rows_succeeded, rows_failed
FROM job_states_counted WHERE source = 'current' AND created_at IS NOT NULL;

-- The rules of 0003's bulk_job_quality_issues, with count_out_of_range, over every stored state (so a report
-- as of an instant lists the issues of the states it counted). A fault is named once: a count below 0 is
-- negative_count, one above the range is count_out_of_range (a count the counted state dropped that is not
-- negative), and the sum check runs only when all counts are in range (the sum of an insane count says nothing
-- more). One row per state and rule.
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
   OR status NOT IN ('Created', 'Submitted', 'In Progress', 'Aborting', 'Completed', 'Failed', 'Aborted', 'Cancelled', 'Downloading');

-- 0003's view, same columns: the issues of the current state.
DROP VIEW bulk_job_quality_issues;

CREATE VIEW bulk_job_quality_issues AS
SELECT job_id, rule, detail
FROM job_state_quality_issues
WHERE source = 'current';
