-- Views for analysts writing SQL against the store (issue: analyst reports and trend queries).
-- Same rules as the CSV reports: the current state of every job, grouped by the UTC day (or ISO week,
-- or month) of created_at; NULL and '' object/job types are one '' group; NULL counts add as 0;
-- failure_rate = rows_failed / (rows_succeeded + rows_failed) rounded to 4 decimals, NULL when nothing
-- was processed. Periods are 'YYYY-MM-DD' text (weeks: the Monday; months: 'YYYY-MM').

-- Each job once per kind of period, so the rules below are written once for days, weeks and months.
CREATE VIEW bulk_job_periods AS
SELECT 'day' AS period_kind, date(created_at) AS period, object_type, job_type, status, row_count, rows_succeeded, rows_failed
FROM bulk_jobs WHERE created_at IS NOT NULL
UNION ALL
-- The Monday of the ISO week: six days back, then forward to the next Monday (the same day if it is one).
SELECT 'week', date(created_at, '-6 days', 'weekday 1'), object_type, job_type, status, row_count, rows_succeeded, rows_failed
FROM bulk_jobs WHERE created_at IS NOT NULL
UNION ALL
SELECT 'month', strftime('%Y-%m', created_at), object_type, job_type, status, row_count, rows_succeeded, rows_failed
FROM bulk_jobs WHERE created_at IS NOT NULL;

CREATE VIEW failure_rates_by_period AS
SELECT
    period_kind,
    period,
    COALESCE(object_type, '')                                       AS object_type,
    COALESCE(job_type, '')                                          AS job_type,
    COUNT(*)                                                        AS jobs,
    SUM(CASE WHEN status = 'Failed' THEN 1 ELSE 0 END)              AS jobs_failed,
    COALESCE(SUM(row_count), 0)                                     AS row_count,
    COALESCE(SUM(rows_succeeded), 0)                                AS rows_succeeded,
    COALESCE(SUM(rows_failed), 0)                                   AS rows_failed,
    CASE WHEN COALESCE(SUM(rows_succeeded), 0) + COALESCE(SUM(rows_failed), 0) = 0 THEN NULL
         ELSE round(CAST(COALESCE(SUM(rows_failed), 0) AS REAL)
                    / (COALESCE(SUM(rows_succeeded), 0) + COALESCE(SUM(rows_failed), 0)), 4)
    END                                                             AS failure_rate
FROM bulk_job_periods
GROUP BY period_kind, period, COALESCE(object_type, ''), COALESCE(job_type, '');

CREATE VIEW daily_failure_rates AS
SELECT period AS day, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM failure_rates_by_period WHERE period_kind = 'day';

CREATE VIEW weekly_failure_rates AS
SELECT period AS week, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM failure_rates_by_period WHERE period_kind = 'week';

CREATE VIEW monthly_failure_rates AS
SELECT period AS month, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM failure_rates_by_period WHERE period_kind = 'month';

-- Summaries that contradict themselves. They stay in bulk_jobs (never dropped); this view flags them,
-- always in step with the stored values because it is computed from them. One row per job and rule.
CREATE VIEW bulk_job_quality_issues AS
SELECT id AS job_id, 'succeeded_plus_failed_exceeds_row_count' AS rule,
       printf('rowsSucceeded %d + rowsFailed %d > rowCount %d',
              COALESCE(rows_succeeded, 0), COALESCE(rows_failed, 0), row_count) AS detail
FROM bulk_jobs
-- A negative rowCount is its own rule; comparing against it would flag the same fault twice.
WHERE row_count >= 0 AND COALESCE(rows_succeeded, 0) + COALESCE(rows_failed, 0) > row_count
UNION ALL
SELECT id, 'negative_count',
       printf('rowCount %s, rowsSucceeded %s, rowsFailed %s',
              COALESCE(row_count, 'null'), COALESCE(rows_succeeded, 'null'), COALESCE(rows_failed, 'null'))
FROM bulk_jobs
WHERE row_count < 0 OR rows_succeeded < 0 OR rows_failed < 0
UNION ALL
SELECT id, 'updated_before_created', printf('lastUpdatedAt %s < createdAt %s', last_updated_at, created_at)
FROM bulk_jobs
WHERE last_updated_at < created_at
UNION ALL
SELECT id, 'unknown_status', printf('status %s', COALESCE('"' || status || '"', 'missing'))
FROM bulk_jobs
WHERE status IS NULL
   OR status NOT IN ('Created', 'Submitted', 'In Progress', 'Aborting', 'Completed', 'Failed', 'Aborted', 'Cancelled', 'Downloading');

-- How many stored jobs were flagged when the run finished.
ALTER TABLE etl_runs ADD COLUMN data_quality_issues INTEGER NOT NULL DEFAULT 0;
