-- The latest runs, newest first, of any outcome or of @Outcome, as RunRecord reads them.
SELECT id AS Id, started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, track_id AS TrackId,
       process_id AS ProcessId, host_name AS HostName, window_from AS WindowFrom, window_to AS WindowTo,
       jobs_listed AS Listed, jobs_fetched AS Fetched, jobs_new AS New, jobs_changed AS Changed,
       jobs_unchanged AS Unchanged, jobs_not_found AS NotFound, jobs_failed AS Failed,
       requests AS Requests, retries AS Retries, too_many_requests AS TooManyRequests,
       failure_message AS FailureMessage, data_quality_issues AS DataQualityIssues
FROM etl_runs
WHERE @Outcome IS NULL OR outcome = @Outcome
ORDER BY started_at DESC, id DESC
LIMIT @Limit;
