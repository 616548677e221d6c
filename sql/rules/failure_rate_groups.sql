-- The failure-rate aggregate: the one definition behind the failure-rate report, the trend CSV, the trend chart and
-- the analyst views (views/failure_rates_by_period.sql, and daily_, weekly_, monthly_failure_rates over it). Change
-- it here and every one of them follows: the report queries include this file when they run, and every `run`
-- re-creates the views from theirs (Store/DerivedViews), so no migration is needed.
--
-- It reads "grouped_states", which the including text defines: one row per counted job state, with every per-job
-- rule already applied by the view job_states_reported (day, ISO week and month; '' for a missing object or job
-- type; is_failed from job_statuses; counts missing or out of range as 0), and the columns
--   period_kind, period, entity_id, object_type, job_type, is_failed, row_count, rows_succeeded, rows_failed.
-- It gives one row per (period_kind, period, entity_id, object_type, job_type) with the job count, the failed job
-- count, the three row sums and the failure rate.
--
-- The rate: rows_failed / (rows_succeeded + rows_failed), rounded half away from zero to 4 decimals, NULL when no row
-- was processed. It is computed exactly, in integers, by long division: the whole part, then four decimal digits,
-- then the remainder decides the rounding (r4 >= processed - r4 is 2·r4 >= processed without overflow). A double
-- division would round 0.12345 down. Each digit step multiplies a remainder below `processed` by 10, so it is exact
-- up to 922,337,203,685,477,580 processed rows in one group (460,000 jobs at the count cap); beyond that the rate
-- falls back to round() on a double.
SELECT
    period_kind, period, entity_id, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed,
    CASE WHEN processed = 0 THEN NULL
         WHEN processed > 922337203685477580 THEN round(CAST(rows_failed AS REAL) / processed, 4)
         ELSE (10000 * whole + 1000 * d1 + 100 * d2 + 10 * d3 + d4 + (r4 >= processed - r4)) / 10000.0
    END AS failure_rate
FROM (
    SELECT *, (10 * r3) / processed AS d4, (10 * r3) % processed AS r4
    FROM (
        SELECT *, (10 * r2) / processed AS d3, (10 * r2) % processed AS r3
        FROM (
            SELECT *, (10 * r1) / processed AS d2, (10 * r1) % processed AS r2
            FROM (
                SELECT *, (10 * r0) / processed AS d1, (10 * r0) % processed AS r1
                FROM (
                    SELECT *, rows_failed / processed AS whole, rows_failed % processed AS r0
                    FROM (
                        SELECT
                            period_kind, period, entity_id, object_type, job_type,
                            COUNT(*)                            AS jobs,
                            SUM(is_failed)                      AS jobs_failed,
                            SUM(row_count)                      AS row_count,
                            SUM(rows_succeeded)                 AS rows_succeeded,
                            SUM(rows_failed)                    AS rows_failed,
                            SUM(rows_succeeded) + SUM(rows_failed) AS processed
                        FROM grouped_states
                        GROUP BY period_kind, period, entity_id, object_type, job_type
                    )
                )
            )
        )
    )
)
