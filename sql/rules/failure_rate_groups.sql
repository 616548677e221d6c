-- The failure-rate aggregate, the one definition behind the failure-rate report, the trend CSV, the trend chart and
-- the analyst views (views/failure_rates_by_period.sql, and daily_, weekly_, monthly_failure_rates over it). Change
-- it here and every one of them follows: the report queries include this file when they run, and every `run`
-- re-creates the views from theirs (Store/DerivedSchema), so no migration is needed.
--
-- It reads "grouped_states", which the including text defines: one row per counted job state, with every per-job
-- rule already applied by the view job_states_reported (day, ISO week and month; '' for a missing object or job
-- type; is_failed from job_statuses; counts missing or out of range as 0), and the columns
--   period_kind, period, entity_id, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed.
-- It gives one row per (period_kind, period, entity_id, object_type, job_type) with the job count, the failed job
-- count, the three row sums and the failure rate: rows_failed / (rows_succeeded + rows_failed) by the rounding rule
-- (rules/rounded_ratio.sql), NULL when no row was processed.
SELECT period_kind, period, entity_id, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed,
       ratio AS failure_rate
FROM (
    WITH ratio_inputs AS (
        SELECT
            period_kind, period, entity_id, object_type, job_type,
            COUNT(*)                               AS jobs,
            SUM(is_failed)                         AS jobs_failed,
            SUM(row_count)                         AS row_count,
            SUM(rows_succeeded)                    AS rows_succeeded,
            SUM(rows_failed)                       AS rows_failed,
            SUM(rows_failed)                       AS numerator,
            SUM(rows_succeeded) + SUM(rows_failed) AS denominator
        FROM grouped_states
        GROUP BY period_kind, period, entity_id, object_type, job_type
    )
    -- @include rules/rounded_ratio.sql
)
