-- The job states a report counts, as the CTE "counted": the current state, or, when @AsOf is set, the state as the
-- store knew it then (each job's latest snapshot observed at or before @AsOf); only jobs created in
-- [@FromInclusive, @ToExclusive), and those with no createdAt too when @IncludeUndated is 1 (the data-quality list:
-- no window can place them, which is suspicious in itself); only settled ones (a final status) when @SettledOnly is 1.
-- Counts come through the view job_states_counted (the count_range migration), so a count outside the sane range is
-- counted as missing. (source, job_id, snapshot_id) names the state. Every report query is this text followed by its
-- own SELECT.
WITH report_jobs AS (
    SELECT source, job_id, snapshot_id, created_at, object_type, job_type, status, row_count, rows_succeeded, rows_failed,
           raw_row_count, raw_rows_succeeded, raw_rows_failed
    FROM job_states_counted
    WHERE source = 'current'
      AND @AsOf IS NULL
      AND ((created_at >= @FromInclusive AND created_at < @ToExclusive) OR (@IncludeUndated = 1 AND created_at IS NULL))
    UNION ALL
    SELECT s.source, s.job_id, s.snapshot_id, s.created_at, s.object_type, s.job_type, s.status, s.row_count, s.rows_succeeded,
           s.rows_failed, s.raw_row_count, s.raw_rows_succeeded, s.raw_rows_failed
    FROM job_states_counted AS s
    WHERE s.source = 'snapshot'
      AND @AsOf IS NOT NULL
      AND ((s.created_at >= @FromInclusive AND s.created_at < @ToExclusive) OR (@IncludeUndated = 1 AND s.created_at IS NULL))
      AND s.snapshot_id = (SELECT latest.id
                           FROM bulk_job_snapshots AS latest
                           WHERE latest.job_id = s.job_id AND latest.observed_at <= @AsOf
                           ORDER BY latest.observed_at DESC, latest.id DESC
                           LIMIT 1)
),
counted AS (
    SELECT *
    FROM report_jobs
    WHERE @SettledOnly = 0 OR status IN ('Completed', 'Failed', 'Aborted', 'Cancelled')
)
