-- The ledger's latest runs that started before @Before (an instant in the store's text form), newest first.
SELECT id AS Id, started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, jobs_listed AS Listed,
       jobs_fetched AS Fetched, jobs_failed AS Failed, jobs_not_found AS NotFound, failure_message AS FailureMessage,
       data_quality_issues AS DataQualityIssues
FROM etl_runs
WHERE started_at < @Before
ORDER BY started_at DESC, id DESC
LIMIT @Limit;
