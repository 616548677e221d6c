-- Failure rates per period and (objectType, jobType) over the dated states of counted_states. Period: the UTC day
-- (@By = 'day'), the Monday of the ISO week (@By = 'week'), or '' for the whole window (@By = 'window', the
-- failure-rate report). With @ByEntity = 1 (more than one entity stored) the groups are per Zuora entity too; otherwise
-- EntityId is ''. The rate rounds as the view failure_rates_by_period does (one integer expression, see there). C#
-- does the final ordinal ordering.
SELECT group_entity_id AS EntityId, group_period AS Period, object_type AS ObjectType, job_type AS JobType, jobs AS Jobs,
       jobs_failed AS JobsFailed, row_count AS RowCount, rows_succeeded AS RowsSucceeded, rows_failed AS RowsFailed,
       CASE WHEN rows_succeeded + rows_failed > 0
            THEN (20000 * rows_failed + rows_succeeded + rows_failed) / (2 * (rows_succeeded + rows_failed)) / 10000.0
       END AS FailureRate
FROM (
    SELECT CASE WHEN @ByEntity = 1 THEN COALESCE(entity_id, '') ELSE '' END AS group_entity_id,
           CASE @By WHEN 'day' THEN day WHEN 'week' THEN week ELSE '' END   AS group_period,
           object_type, job_type,
           COUNT(*) AS jobs, SUM(is_failed) AS jobs_failed,
           SUM(row_count) AS row_count, SUM(rows_succeeded) AS rows_succeeded, SUM(rows_failed) AS rows_failed
    FROM counted_states
    WHERE created_at IS NOT NULL
    GROUP BY group_entity_id, group_period, object_type, job_type
) AS sums;
