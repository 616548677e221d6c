SELECT COUNT(*) FROM bulk_jobs;
