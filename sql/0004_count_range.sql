-- Counts outside the sane range (issue 8: "A night never lies"). Two jobs with counts near 5·10^18 made SUM()
-- overflow in every report. A count below 0 or above 10^12 rows is kept in bulk_jobs and the snapshots as
-- stored, flagged by bulk_job_quality_issues, and counted as missing (0) in every sum: the failure-rate and
-- trend queries (sql/queries/report_jobs.sql) and the analyst views read counts through job_states_counted.

-- Every stored state of a job, current (bulk_jobs) and past (bulk_job_snapshots), with its counts as a report
-- counts them. The one place the sane range of a count is written.
CREATE VIEW job_states_counted AS
SELECT
    source, job_id, snapshot_id, observed_at, created_at, object_type, job_type, status,
    CASE WHEN row_count      BETWEEN 0 AND 1000000000000 THEN row_count      END AS row_count,
    CASE WHEN rows_succeeded BETWEEN 0 AND 1000000000000 THEN rows_succeeded END AS rows_succeeded,
    CASE WHEN rows_failed    BETWEEN 0 AND 1000000000000 THEN rows_failed    END AS rows_failed
FROM (
    SELECT 'current' AS source, id AS job_id, NULL AS snapshot_id, NULL AS observed_at,
           created_at, object_type, job_type, status, row_count, rows_succeeded, rows_failed
    FROM bulk_jobs
    UNION ALL
    SELECT 'snapshot', job_id, id, observed_at, created_at, object_type, job_type, status, row_count, rows_succeeded, rows_failed
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

-- As in 0003, with count_out_of_range. A fault is named once: a count below 0 is negative_count, one above the
-- range is count_out_of_range (a count the counted state dropped that is not negative), and the sum check runs
-- only on jobs whose counts are all in range (the sum of an insane count says nothing more).
DROP VIEW bulk_job_quality_issues;

CREATE VIEW bulk_job_quality_issues AS
SELECT j.id AS job_id, 'succeeded_plus_failed_exceeds_row_count' AS rule,
       printf('rowsSucceeded %d + rowsFailed %d > rowCount %d',
              COALESCE(j.rows_succeeded, 0), COALESCE(j.rows_failed, 0), j.row_count) AS detail
FROM bulk_jobs AS j
JOIN job_states_counted AS c ON c.source = 'current' AND c.job_id = j.id
WHERE c.row_count IS NOT NULL
  AND j.rows_succeeded IS c.rows_succeeded AND j.rows_failed IS c.rows_failed
  AND COALESCE(j.rows_succeeded, 0) + COALESCE(j.rows_failed, 0) > j.row_count
UNION ALL
SELECT id, 'negative_count',
       printf('rowCount %s, rowsSucceeded %s, rowsFailed %s',
              COALESCE(row_count, 'null'), COALESCE(rows_succeeded, 'null'), COALESCE(rows_failed, 'null'))
FROM bulk_jobs
WHERE row_count < 0 OR rows_succeeded < 0 OR rows_failed < 0
UNION ALL
SELECT j.id, 'count_out_of_range',
       printf('rowCount %s, rowsSucceeded %s, rowsFailed %s: a count above the range is counted as 0',
              COALESCE(j.row_count, 'null'), COALESCE(j.rows_succeeded, 'null'), COALESCE(j.rows_failed, 'null'))
FROM bulk_jobs AS j
JOIN job_states_counted AS c ON c.source = 'current' AND c.job_id = j.id
WHERE (j.row_count > 0 AND c.row_count IS NULL)
   OR (j.rows_succeeded > 0 AND c.rows_succeeded IS NULL)
   OR (j.rows_failed > 0 AND c.rows_failed IS NULL)
UNION ALL
SELECT id, 'updated_before_created', printf('lastUpdatedAt %s < createdAt %s', last_updated_at, created_at)
FROM bulk_jobs
WHERE last_updated_at < created_at
UNION ALL
SELECT id, 'unknown_status', printf('status %s', COALESCE('"' || status || '"', 'missing'))
FROM bulk_jobs
WHERE status IS NULL
   OR status NOT IN ('Created', 'Submitted', 'In Progress', 'Aborting', 'Completed', 'Failed', 'Aborted', 'Cancelled', 'Downloading');
