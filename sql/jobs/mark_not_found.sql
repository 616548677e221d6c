-- Zuora answered 404: the job was deleted. Its last known state stays; only the fact is noted.
UPDATE bulk_jobs
SET not_found_at = @ObservedAt
WHERE id = @JobId AND not_found_at IS NULL;
