-- Failed rows per (objectType, jobType, category, code, reason) over the dated states of counted_states whose reasons
-- were collected, with each reason's share of its (objectType, jobType) group's failed rows, rounded as the failure
-- rate is (one integer expression, see views/failure_rates_by_period.sql); 0 when the group's reasons name no row.
-- C# does the final ordering.
SELECT object_type AS ObjectType, job_type AS JobType, category AS Category, code AS Code, reason AS Reason,
       rows AS Rows, jobs AS Jobs,
       CASE WHEN group_rows > 0 THEN (20000 * rows + group_rows) / (2 * group_rows) / 10000.0 ELSE 0.0 END AS ShareOfFailedRows
FROM (
    SELECT c.object_type, c.job_type, r.category, r.code, r.reason,
           SUM(r.rows) AS rows, COUNT(DISTINCT r.job_id) AS jobs,
           SUM(SUM(r.rows)) OVER (PARTITION BY c.object_type, c.job_type) AS group_rows
    FROM counted_states AS c
    JOIN bulk_job_failure_reasons AS r ON r.job_id = c.job_id
    WHERE c.created_at IS NOT NULL
    GROUP BY c.object_type, c.job_type, r.category, r.code, r.reason
) AS reason_sums;
