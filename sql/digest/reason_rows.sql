-- Failed rows whose reasons are known over the UTC days @From..@To: the whole the digest's reason shares divide by.
SELECT COALESCE(SUM(rows), 0)
FROM failure_reasons_by_day
WHERE day BETWEEN @From AND @To;
