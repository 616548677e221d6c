-- The job states a report counts, kept for the report's queries as the temporary table counted_states: the current
-- state, or, when @AsOf is set, the state as the store knew it then (each job's latest snapshot observed at or before
-- @AsOf); only jobs created on the UTC days @From..@To, and those with no createdAt, which only the data-quality list
-- reads (no window can place them, which is suspicious in itself); only settled ones (is_final) when @SettledOnly is 1;
-- only the Zuora entity @EntityId's when it is set. Selected once per report scope, so the queries that read it (failure
-- rates, trend and chart, failure reasons, data quality) count the same states and scan the store once.
CREATE TEMP TABLE counted_states AS
SELECT *
FROM job_states_reported
WHERE source = 'current'
  AND @AsOf IS NULL
  AND (@EntityId IS NULL OR entity_id = @EntityId)
  AND ((day >= @From AND day <= @To) OR created_at IS NULL)
  AND (@SettledOnly = 0 OR is_final = 1)
UNION ALL
SELECT s.*
FROM job_states_reported AS s
WHERE s.source = 'snapshot'
  AND @AsOf IS NOT NULL
  AND (@EntityId IS NULL OR s.entity_id = @EntityId)
  AND ((s.day >= @From AND s.day <= @To) OR s.created_at IS NULL)
  AND (@SettledOnly = 0 OR s.is_final = 1)
  AND s.snapshot_id = (SELECT latest.id
                       FROM bulk_job_snapshots AS latest
                       WHERE latest.job_id = s.job_id AND latest.observed_at <= @AsOf
                       ORDER BY latest.observed_at DESC, latest.id DESC
                       LIMIT 1);
