-- The analysts' daily failure rates: failure_rates_by_period's rows of one kind of period.
CREATE VIEW daily_failure_rates AS
SELECT period AS day, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM failure_rates_by_period WHERE period_kind = 'day';
