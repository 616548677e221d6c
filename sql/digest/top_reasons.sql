-- The digest's failure reasons over the UTC days @From..@To, every group together, from the analyst view
-- failure_reasons_by_day, most failed rows first. The digest shows the first ten and divides their rows by the rows of
-- all of them (the failed rows whose reasons are known), so the view is read once.
SELECT category AS Category, code AS Code, reason AS Reason, SUM(rows) AS Rows, SUM(jobs) AS Jobs
FROM failure_reasons_by_day
WHERE day BETWEEN @From AND @To
GROUP BY category, code, reason
ORDER BY SUM(rows) DESC, code, reason;
