-- The data-quality issues of each job's current state (job_state_quality_issues has every stored state's).
CREATE VIEW bulk_job_quality_issues AS
SELECT job_id, rule, detail
FROM job_state_quality_issues
WHERE source = 'current';
