-- Makes job_statuses exactly @Statuses, a JSON array of {"status", "isFinal", "isFailed"} built from
-- BulkEtl.Model.JobStatuses, the one definition of Zuora's status enum; the table is how the views and queries (and
-- the sqlite3 shell) read it. Migration 0006 seeded the same rows; every run since writes them from C#.
DELETE FROM job_statuses;
INSERT INTO job_statuses (status, is_final, is_failed)
SELECT json_extract(value, '$.status'), json_extract(value, '$.isFinal'), json_extract(value, '$.isFailed')
FROM json_each(@Statuses);
