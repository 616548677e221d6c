-- How many jobs the failure-reason report counts: the dated states of counted_states with collected reasons.
SELECT COUNT(DISTINCT r.job_id)
FROM counted_states AS c
JOIN bulk_job_failure_reasons AS r ON r.job_id = c.job_id
WHERE c.created_at IS NOT NULL;
