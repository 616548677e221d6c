-- Failure rates per period and (objectType, jobType) over the jobs of queries/report_jobs.sql (its "counted" CTE),
-- grouped and rated by rules/failure_rate_groups.sql, the one definition the analyst views use too. Period: the UTC
-- day (@By = 'day'), the Monday of the ISO week (@By = 'week'), both 'YYYY-MM-DD', or '' for the whole window
-- (@By = 'window', the failure-rate report). With @ByEntity = 1 (more than one entity stored) the groups are per
-- Zuora entity too; otherwise EntityId is ''. C# does the final ordinal ordering.
SELECT
    entity_id AS EntityId, period AS Period, object_type AS ObjectType, job_type AS JobType, jobs AS Jobs,
    jobs_failed AS JobsFailed, row_count AS RowCount, rows_succeeded AS RowsSucceeded, rows_failed AS RowsFailed,
    failure_rate AS FailureRate
FROM (
    WITH grouped_states AS (
        SELECT
            @By                                                              AS period_kind,
            CASE @By WHEN 'day' THEN day WHEN 'week' THEN week ELSE '' END   AS period,
            CASE WHEN @ByEntity = 1 THEN COALESCE(entity_id, '') ELSE '' END AS entity_id,
            object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
        FROM counted
    )
    -- @include rules/failure_rate_groups.sql
);
