-- The current state of every dated job once per kind of period, so failure_rates_by_period groups days, weeks and
-- months with one GROUP BY.
CREATE VIEW bulk_job_periods AS
SELECT 'day' AS period_kind, day AS period, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
FROM job_states_reported WHERE source = 'current' AND created_at IS NOT NULL
UNION ALL
SELECT 'week', week, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
FROM job_states_reported WHERE source = 'current' AND created_at IS NOT NULL
UNION ALL
SELECT 'month', month, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
FROM job_states_reported WHERE source = 'current' AND created_at IS NOT NULL;
