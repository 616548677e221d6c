-- The morning digest's numbers: each group's daily sums and rate from the analyst view daily_failure_rates (the
-- failure-rate report's rules, every entity together), for the UTC days @From..@To ('YYYY-MM-DD', inclusive). The
-- digest adds days up into its 1-, 7- and 30-day columns and judges each day against the group's previous days.
SELECT day AS Day, object_type AS ObjectType, job_type AS JobType, jobs AS Jobs, jobs_failed AS JobsFailed,
       row_count AS RowCount, rows_succeeded AS RowsSucceeded, rows_failed AS RowsFailed, failure_rate AS FailureRate
FROM daily_failure_rates
WHERE day BETWEEN @From AND @To
ORDER BY object_type, job_type, day;
