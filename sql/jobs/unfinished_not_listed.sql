-- Stored jobs still unfinished (they may yet change: not a final status of job_statuses) that this run's listing did
-- not show: Zuora's list may skip them, so they are fetched by id. temp.listed_ids holds the listed ids. On a
-- multi-entity run (@AnyEntity = 0) only the jobs of @EntityId: another entity's job asked under this entity's header
-- would answer 404.
SELECT id
FROM bulk_jobs
WHERE NOT EXISTS (SELECT 1 FROM job_statuses AS s WHERE s.status = bulk_jobs.status AND s.is_final = 1)
  AND not_found_at IS NULL
  AND id NOT IN (SELECT id FROM temp.listed_ids)
  AND (@AnyEntity = 1 OR entity_id IS @EntityId)
ORDER BY id;
