-- Why rows failed, per UTC day of the job's creation, object type, job type and reason, over the current state of
-- every dated job whose reasons were collected. It groups as the failure-reason CSV does (a missing object or job type
-- is the '' group, from job_states_reported); the CSV's share is per window and not one of its columns.
CREATE VIEW failure_reasons_by_day AS
SELECT s.day, s.object_type, s.job_type, r.category, r.code, r.reason, SUM(r.rows) AS rows, COUNT(DISTINCT r.job_id) AS jobs
FROM job_states_reported AS s
JOIN bulk_job_failure_reasons AS r ON r.job_id = s.job_id
WHERE s.source = 'current' AND s.created_at IS NOT NULL
GROUP BY s.day, s.object_type, s.job_type, r.category, r.code, r.reason;
