-- Failure rates per period and (objectType, jobType) over the jobs of queries/report_jobs.sql (the "counted" CTE).
-- Period: the UTC day (@By = 'day'), the Monday of the ISO week (@By = 'week'), both 'YYYY-MM-DD', or '' for the
-- whole window (@By = 'window', the failure-rate report). Every rule (periods, '' groups, failed, counts missing or
-- out of range as 0) is in the view job_states_reported, so this is a plain COUNT and SUM. The rate is computed in
-- C# (FailureRateRow.Rate) from these integer sums, and C# does the final ordinal ordering. With @ByEntity = 1 (more
-- than one entity stored) the groups are per Zuora entity too; otherwise EntityId is '' and the groups are as before.
SELECT
    CASE @By WHEN 'day' THEN day WHEN 'week' THEN week ELSE '' END AS Period,
    object_type                                                    AS ObjectType,
    job_type                                                       AS JobType,
    COUNT(*)                                                       AS Jobs,
    SUM(is_failed)                                                 AS JobsFailed,
    SUM(row_count)                                                 AS RowCount,
    SUM(rows_succeeded)                                            AS RowsSucceeded,
    SUM(rows_failed)                                               AS RowsFailed,
    CASE WHEN @ByEntity = 1 THEN COALESCE(entity_id, '') ELSE '' END AS EntityId
FROM counted
GROUP BY 1, 2, 3, 9;
