-- The job states a report counts, as the CTE "counted": the current state, or, when @AsOf is set, the state as the
-- store knew it then (each job's latest snapshot observed at or before @AsOf); only jobs created in
-- [@FromInclusive, @ToExclusive), and those with no createdAt too when @IncludeUndated is 1 (the data-quality list:
-- no window can place them, which is suspicious in itself); only settled ones (is_final, from job_statuses) when
-- @SettledOnly is 1. States come through the view job_states_reported, which holds every rule of what a report groups
-- and counts (period, '' groups, failed, final, counts out of range as 0). (source, job_id, snapshot_id) names the
-- state. Every report query is this text followed by its own SELECT. When @EntityId is set, only that Zuora entity's
-- jobs (the entities migration, whose job_states_reported carries entity_id).
WITH report_jobs AS (
    SELECT *
    FROM job_states_reported
    WHERE source = 'current'
      AND @AsOf IS NULL
      AND (@EntityId IS NULL OR entity_id = @EntityId)
      AND ((created_at >= @FromInclusive AND created_at < @ToExclusive) OR (@IncludeUndated = 1 AND created_at IS NULL))
    UNION ALL
    SELECT s.*
    FROM job_states_reported AS s
    WHERE s.source = 'snapshot'
      AND @AsOf IS NOT NULL
      AND (@EntityId IS NULL OR s.entity_id = @EntityId)
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
    WHERE @SettledOnly = 0 OR is_final = 1
)
