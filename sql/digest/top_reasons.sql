-- The digest's top failure reasons over the UTC days @From..@To, every group together, from the analyst view
-- failure_reasons_by_day; the digest divides each reason's rows by all the failed rows whose reasons are known
-- (digest/reason_rows.sql).
SELECT category AS Category, code AS Code, reason AS Reason, SUM(rows) AS Rows, SUM(jobs) AS Jobs
FROM failure_reasons_by_day
WHERE day BETWEEN @From AND @To
GROUP BY category, code, reason
ORDER BY SUM(rows) DESC, code, reason
LIMIT @Limit;
