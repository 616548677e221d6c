INSERT INTO etl_run_reports (run_id, file_name, sha256, bytes)
VALUES (@RunId, @FileName, @Sha256, @Bytes)
ON CONFLICT (run_id, file_name) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes;
