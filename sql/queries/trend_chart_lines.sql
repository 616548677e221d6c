-- The trend chart's points over the dated states of counted_states (the trend CSV's): per period (@By = 'day' or
-- 'week'), one line per group of chart_lines and one for every other group merged (ObjectType and JobType null), each
-- rated from its summed rows, not as an average of rates, and rounded as failure_rates.sql rounds.
SELECT line_period AS Period, line_object_type AS ObjectType, line_job_type AS JobType,
       CASE WHEN rows_succeeded + rows_failed > 0
            THEN (20000 * rows_failed + rows_succeeded + rows_failed) / (2 * (rows_succeeded + rows_failed)) / 10000.0
       END AS FailureRate
FROM (
    SELECT CASE @By WHEN 'week' THEN s.week ELSE s.day END AS line_period,
           l.object_type AS line_object_type, l.job_type AS line_job_type,
           SUM(s.rows_succeeded) AS rows_succeeded, SUM(s.rows_failed) AS rows_failed
    FROM counted_states AS s
    LEFT JOIN chart_lines AS l ON l.object_type = s.object_type AND l.job_type = s.job_type
    WHERE s.created_at IS NOT NULL
    GROUP BY line_period, l.object_type, l.job_type
) AS line_sums;
