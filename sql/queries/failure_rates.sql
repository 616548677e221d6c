-- Failure rates per period and (objectType, jobType) over the jobs of queries/report_jobs.sql (the "counted" CTE).
-- Period: the UTC day (@By = 'day'), the Monday of the ISO week (@By = 'week'), both 'YYYY-MM-DD', or '' for the
-- whole window (@By = 'window', the failure-rate report). NULL and '' object/job types form one group; NULL counts
-- add as 0, and so do counts out of range (see report_jobs.sql). The rate is computed in C# with decimal arithmetic,
-- and C# does the final ordinal ordering.
SELECT
    CASE @By
        WHEN 'day'  THEN date(created_at)
        WHEN 'week' THEN date(created_at, '-6 days', 'weekday 1')
        ELSE ''
    END                                                      AS Period,
    COALESCE(object_type, '')                                AS ObjectType,
    COALESCE(job_type, '')                                   AS JobType,
    COUNT(*)                                                 AS Jobs,
    SUM(CASE WHEN status = @FailedStatus THEN 1 ELSE 0 END)  AS JobsFailed,
    COALESCE(SUM(row_count), 0)                              AS RowCount,
    COALESCE(SUM(rows_succeeded), 0)                         AS RowsSucceeded,
    COALESCE(SUM(rows_failed), 0)                            AS RowsFailed
FROM counted
GROUP BY 1, 2, 3;
