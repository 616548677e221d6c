-- Failed rows per (objectType, jobType, category, code, reason) over the jobs of queries/report_jobs.sql (the
-- "counted" CTE) whose reasons were collected. NULL object/job types form one group with ''. The share of the group's
-- failed rows and the final ordinal ordering are computed in C# (FailureReasonReport).
SELECT
    COALESCE(c.object_type, '')  AS ObjectType,
    COALESCE(c.job_type, '')     AS JobType,
    r.category                   AS Category,
    r.code                       AS Code,
    r.reason                     AS Reason,
    SUM(r.rows)                  AS Rows,
    COUNT(DISTINCT r.job_id)     AS Jobs
FROM counted AS c
JOIN bulk_job_failure_reasons AS r ON r.job_id = c.job_id
GROUP BY 1, 2, 3, 4, 5;
