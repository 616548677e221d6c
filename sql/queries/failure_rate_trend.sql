-- Failure rates per period and (objectType, jobType) over the jobs of queries/report_jobs.sql ("counted").
-- Period: the UTC day, or the Monday of the ISO week (@By = 'week'), as 'YYYY-MM-DD'. Same rules as
-- queries/failure_rates.sql; the rate is computed in C# and C# does the final ordinal ordering.
SELECT
    CASE WHEN @By = 'week' THEN date(created_at, '-6 days', 'weekday 1') ELSE date(created_at) END AS Period,
    COALESCE(object_type, '')                                AS ObjectType,
    COALESCE(job_type, '')                                   AS JobType,
    COUNT(*)                                                 AS Jobs,
    SUM(CASE WHEN status = @FailedStatus THEN 1 ELSE 0 END)  AS JobsFailed,
    COALESCE(SUM(row_count), 0)                              AS RowCount,
    COALESCE(SUM(rows_succeeded), 0)                         AS RowsSucceeded,
    COALESCE(SUM(rows_failed), 0)                            AS RowsFailed
FROM counted
GROUP BY 1, 2, 3;
