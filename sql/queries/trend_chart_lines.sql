-- The trend chart's points from the trend's own groups (chart_groups, one row per group of the trend CSV), so the
-- chart shows exactly the CSV's jobs without reading them again: per period, one point for each line, every line's
-- rate from its summed rows (the sum of groups' sums is the sum of their jobs'), not an average of rates, rounded as
-- failure_rates.sql rounds.
SELECT period AS Period, object_type AS ObjectType, job_type AS JobType,
       CASE WHEN rows_succeeded + rows_failed > 0
            THEN (20000 * rows_failed + rows_succeeded + rows_failed) / (2 * (rows_succeeded + rows_failed)) / 10000.0
       END AS FailureRate
FROM (
    SELECT period, object_type, job_type, SUM(rows_succeeded) AS rows_succeeded, SUM(rows_failed) AS rows_failed
    FROM chart_groups
    GROUP BY period, object_type, job_type
) AS line_sums;
