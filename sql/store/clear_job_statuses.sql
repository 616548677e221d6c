-- job_statuses is rewritten from BulkEtl.Model.JobStatuses, the one definition of Zuora's status enum: emptied, then
-- add_job_status.sql for each status. The table is how the views and queries (and the sqlite3 shell) read it.
DELETE FROM job_statuses;
