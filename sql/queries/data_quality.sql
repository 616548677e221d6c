-- Self-contradicting summaries (view bulk_job_quality_issues) of jobs created in [@FromInclusive, @ToExclusive),
-- and of jobs with no createdAt at all, which no window can place and which are suspicious in themselves.
SELECT
    q.job_id           AS JobId,
    CAST(q.rule AS TEXT)   AS Rule,
    CAST(q.detail AS TEXT) AS Detail,
    j.object_type      AS ObjectType,
    j.job_type         AS JobType,
    j.status           AS Status,
    j.created_at       AS CreatedAt,
    j.row_count        AS RowCount,
    j.rows_succeeded   AS RowsSucceeded,
    j.rows_failed      AS RowsFailed
FROM bulk_job_quality_issues AS q
JOIN bulk_jobs AS j ON j.id = q.job_id
WHERE j.created_at IS NULL
   OR (j.created_at >= @FromInclusive AND j.created_at < @ToExclusive)
ORDER BY j.created_at, q.job_id, q.rule;
