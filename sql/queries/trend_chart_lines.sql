-- The trend chart's lines over the jobs of queries/report_jobs.sql (its "counted" CTE), rated by
-- rules/failure_rate_groups.sql like the trend CSV. The (objectType, jobType) groups in @Lines (a JSON array of
-- {"objectType": ..., "jobType": ...}) keep a line each; every other job is merged into one line whose ObjectType and
-- JobType are NULL ("other"), rated from its summed rows, not as an average of rates. Entities are merged: a line is
-- a group, whichever entity ran its jobs. Periods as in queries/failure_rates.sql (@By = 'day' or 'week').
SELECT period AS Period, object_type AS ObjectType, job_type AS JobType, failure_rate AS FailureRate
FROM (
    WITH grouped_states AS (
        SELECT
            @By                                                     AS period_kind,
            CASE @By WHEN 'day' THEN counted.day ELSE counted.week END AS period,
            ''                                                      AS entity_id,
            line.object_type, line.job_type,
            counted.is_failed, counted.row_count, counted.rows_succeeded, counted.rows_failed
        FROM counted
        LEFT JOIN (
            SELECT json_extract(value, '$.objectType') AS object_type, json_extract(value, '$.jobType') AS job_type
            FROM json_each(@Lines)
        ) AS line ON line.object_type = counted.object_type AND line.job_type = counted.job_type
    )
    -- @include rules/failure_rate_groups.sql
);
