-- Failure rates per (objectType, jobType) over the jobs of queries/report_jobs.sql (the "counted" CTE).
-- NULL and '' object/job types form one group; NULL counts add as 0. The rate is computed in C#
-- with decimal arithmetic, and C# does the final ordinal ordering.
SELECT
    COALESCE(object_type, '')                                AS ObjectType,
    COALESCE(job_type, '')                                   AS JobType,
    COUNT(*)                                                 AS Jobs,
    SUM(CASE WHEN status = @FailedStatus THEN 1 ELSE 0 END)  AS JobsFailed,
    COALESCE(SUM(row_count), 0)                              AS RowCount,
    COALESCE(SUM(rows_succeeded), 0)                         AS RowsSucceeded,
    COALESCE(SUM(rows_failed), 0)                            AS RowsFailed
FROM counted
GROUP BY COALESCE(object_type, ''), COALESCE(job_type, '')
ORDER BY ObjectType, JobType;
