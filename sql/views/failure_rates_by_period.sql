-- The analyst view of failure rates per day, ISO week and month (daily_, weekly_ and monthly_failure_rates read it):
-- the current state of every dated job, grouped and rated by rules/failure_rate_groups.sql, the definition the CSV
-- reports use. Every `run` re-creates this view when its text here (with the rule included) differs from the
-- store's, so the view and the reports cannot drift apart. Its columns are the analysts' contract: the entity is not
-- one of them, so every entity's jobs are grouped together.
DROP VIEW IF EXISTS failure_rates_by_period;
CREATE VIEW failure_rates_by_period AS
SELECT period_kind, period, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate
FROM (
    WITH grouped_states AS (
        SELECT period_kind, period, '' AS entity_id, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed
        FROM bulk_job_periods
    )
    -- @include rules/failure_rate_groups.sql
);
