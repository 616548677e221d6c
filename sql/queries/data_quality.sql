-- Self-contradicting summaries (view job_state_quality_issues) among the states of counted_states, the undated ones
-- included: no window can place them, which is suspicious in itself. Types and counts are shown as stored.
SELECT
    q.job_id                AS JobId,
    CAST(q.rule AS TEXT)    AS Rule,
    CAST(q.detail AS TEXT)  AS Detail,
    c.stored_object_type    AS ObjectType,
    c.stored_job_type       AS JobType,
    c.status                AS Status,
    c.created_at            AS CreatedAt,
    c.stored_row_count      AS RowCount,
    c.stored_rows_succeeded AS RowsSucceeded,
    c.stored_rows_failed    AS RowsFailed
FROM counted_states AS c
JOIN job_state_quality_issues AS q ON q.source = c.source AND q.job_id = c.job_id AND q.snapshot_id IS c.snapshot_id
ORDER BY c.created_at, q.job_id, q.rule;
