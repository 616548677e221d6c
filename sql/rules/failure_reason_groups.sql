-- The failure-reason aggregate, the one definition behind the failure-reason report (queries/failure_reasons.sql)
-- and the analyst view failure_reasons_by_day (views/failure_reasons_by_day.sql).
--
-- It reads "reason_states", which the including text defines: one row per collected reason of a counted job state,
-- with the per-job rules of job_states_reported already applied ('' for a missing object or job type), and the
-- columns period, object_type, job_type, job_id, category, code, reason, rows.
-- It gives one row per (period, object_type, job_type, category, code, reason) with the failed rows that gave the
-- reason, the jobs that gave it, and its share of the failed rows of all the (period, object_type, job_type) group's
-- reasons, by the rounding rule (rules/rounded_ratio.sql); 0 when the group's reasons name no row.
SELECT period, object_type, job_type, category, code, reason, rows, jobs, COALESCE(ratio, 0.0) AS share_of_failed_rows
FROM (
    WITH ratio_inputs AS (
        SELECT
            period, object_type, job_type, category, code, reason,
            SUM(rows)                                                    AS rows,
            COUNT(DISTINCT job_id)                                       AS jobs,
            SUM(rows)                                                    AS numerator,
            SUM(SUM(rows)) OVER (PARTITION BY period, object_type, job_type) AS denominator
        FROM reason_states
        GROUP BY period, object_type, job_type, category, code, reason
    )
    -- @include rules/rounded_ratio.sql
)
