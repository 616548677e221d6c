-- Runs still 'running' while this run holds the lock were killed: say so instead of leaving them open.
UPDATE etl_runs
SET outcome = 'failed', failure_message = 'interrupted: the process ended before the run finished'
WHERE outcome = 'running' AND id <> @CurrentRunId;
