-- How many jobs of queries/report_jobs.sql (the "counted" CTE) the failure-reason report counts: those with reasons.
SELECT COUNT(DISTINCT r.job_id)
FROM counted AS c
JOIN bulk_job_failure_reasons AS r ON r.job_id = c.job_id;
