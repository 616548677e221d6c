-- Summaries that contradict themselves, over every stored state (so a report as of an instant lists the issues of the
-- states it counted): one row per state and rule. A fault is named once: a count below 0 is negative_count, one above
-- the range is count_out_of_range, and the sum check runs only when all counts are in range (the sum of an insane
-- count says nothing more). Such states are kept and counted like any other.
CREATE VIEW job_state_quality_issues AS
SELECT source, job_id, snapshot_id, 'succeeded_plus_failed_exceeds_row_count' AS rule,
       printf('rowsSucceeded %d + rowsFailed %d > rowCount %d',
              COALESCE(rows_succeeded, 0), COALESCE(rows_failed, 0), row_count) AS detail
FROM job_states_counted
WHERE row_count IS NOT NULL
  AND raw_rows_succeeded IS rows_succeeded AND raw_rows_failed IS rows_failed
  AND COALESCE(rows_succeeded, 0) + COALESCE(rows_failed, 0) > row_count
UNION ALL
SELECT source, job_id, snapshot_id, 'negative_count',
       printf('rowCount %s, rowsSucceeded %s, rowsFailed %s',
              COALESCE(raw_row_count, 'null'), COALESCE(raw_rows_succeeded, 'null'), COALESCE(raw_rows_failed, 'null'))
FROM job_states_counted
WHERE raw_row_count < 0 OR raw_rows_succeeded < 0 OR raw_rows_failed < 0
UNION ALL
SELECT source, job_id, snapshot_id, 'count_out_of_range',
       printf('rowCount %s, rowsSucceeded %s, rowsFailed %s: a count above the range is counted as 0',
              COALESCE(raw_row_count, 'null'), COALESCE(raw_rows_succeeded, 'null'), COALESCE(raw_rows_failed, 'null'))
FROM job_states_counted
WHERE (raw_row_count > 0 AND row_count IS NULL)
   OR (raw_rows_succeeded > 0 AND rows_succeeded IS NULL)
   OR (raw_rows_failed > 0 AND rows_failed IS NULL)
UNION ALL
SELECT source, job_id, snapshot_id, 'updated_before_created', printf('lastUpdatedAt %s < createdAt %s', last_updated_at, created_at)
FROM job_states_counted
WHERE last_updated_at < created_at
UNION ALL
SELECT source, job_id, snapshot_id, 'unknown_status', printf('status %s', COALESCE('"' || status || '"', 'missing'))
FROM job_states_counted
WHERE status IS NULL
   OR status NOT IN (SELECT status FROM job_statuses);
