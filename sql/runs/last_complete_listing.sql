-- How many jobs the latest succeeded run listed: a succeeded run's listing was complete, so this is the tenant's size as
-- last seen whole. Runs given explicit job ids list nothing and are skipped. A night's page bound grows from it.
SELECT jobs_listed
FROM etl_runs
WHERE outcome = 'succeeded' AND jobs_listed > 0
ORDER BY started_at DESC
LIMIT 1;
