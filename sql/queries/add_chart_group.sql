INSERT INTO chart_groups (period, object_type, job_type, rows_succeeded, rows_failed)
VALUES (@Period, @ObjectType, @JobType, @RowsSucceeded, @RowsFailed);
