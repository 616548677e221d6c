-- The trend chart's lines, from the trend's own groups (@Groups: a JSON array of {"period", "objectType", "jobType",
-- "rowCount", "rowsSucceeded", "rowsFailed"}, one per group of the trend CSV), so the chart shows exactly the CSV's
-- jobs without reading them again. A group drawn alone keeps its objectType and jobType; the rest come with both
-- null and are merged into one "other" line. Each line's periods are rated by rules/failure_rate_groups.sql from the
-- summed rows (the sum of groups' sums is the sum of their jobs'), not as an average of rates. Its job counts count
-- groups here, and the chart does not read them.
SELECT period AS Period, object_type AS ObjectType, job_type AS JobType, failure_rate AS FailureRate
FROM (
    WITH grouped_states AS (
        SELECT
            'chart'                               AS period_kind,
            json_extract(value, '$.period')        AS period,
            ''                                    AS entity_id,
            json_extract(value, '$.objectType')    AS object_type,
            json_extract(value, '$.jobType')       AS job_type,
            0                                     AS is_failed,
            json_extract(value, '$.rowCount')      AS row_count,
            json_extract(value, '$.rowsSucceeded') AS rows_succeeded,
            json_extract(value, '$.rowsFailed')    AS rows_failed
        FROM json_each(@Groups)
    )
    -- @include rules/failure_rate_groups.sql
);
