-- Failure rates per day, ISO week and month (daily_, weekly_ and monthly_failure_rates read it) over the current state
-- of every dated job, grouped and rated as the CSV reports are: rows_failed / (rows_succeeded + rows_failed) rounded
-- half away from zero to 4 decimals, NULL when nothing was processed. The rounding is one integer expression, exact
-- while rows_succeeded + rows_failed stays under 4.6·10^14 (README, "Trend queries in SQL"); a double division would
-- round 0.12345 down. Every entity's jobs are grouped together: the entity is not one of the analysts' columns.
CREATE VIEW failure_rates_by_period AS
SELECT period_kind, period, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed,
       CASE WHEN rows_succeeded + rows_failed > 0
            THEN (20000 * rows_failed + rows_succeeded + rows_failed) / (2 * (rows_succeeded + rows_failed)) / 10000.0
       END AS failure_rate
FROM (
    SELECT period_kind, period, object_type, job_type,
           COUNT(*) AS jobs, SUM(is_failed) AS jobs_failed,
           SUM(row_count) AS row_count, SUM(rows_succeeded) AS rows_succeeded, SUM(rows_failed) AS rows_failed
    FROM bulk_job_periods
    GROUP BY period_kind, period, object_type, job_type
) AS sums;
