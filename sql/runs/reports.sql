SELECT run_id AS RunId, file_name AS FileName, sha256 AS Sha256, bytes AS Bytes
FROM etl_run_reports
WHERE run_id = @RunId
ORDER BY file_name;
