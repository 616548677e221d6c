SELECT COUNT(DISTINCT job_id) FROM bulk_job_quality_issues;
