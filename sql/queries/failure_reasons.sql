-- Failed rows per (objectType, jobType, category, code, reason) over the jobs of queries/report_jobs.sql (its
-- "counted" CTE) whose reasons were collected, with each reason's share of its group's failed rows: grouped and rated
-- by rules/failure_reason_groups.sql, the definition the view failure_reasons_by_day uses too. The period is '' (the
-- whole window). C# does the final ordering.
SELECT object_type AS ObjectType, job_type AS JobType, category AS Category, code AS Code, reason AS Reason,
       rows AS Rows, jobs AS Jobs, share_of_failed_rows AS ShareOfFailedRows
FROM (
    WITH reason_states AS (
        SELECT '' AS period, c.object_type, c.job_type, r.job_id, r.category, r.code, r.reason, r.rows
        FROM counted AS c
        JOIN bulk_job_failure_reasons AS r ON r.job_id = c.job_id
    )
    -- @include rules/failure_reason_groups.sql
);
