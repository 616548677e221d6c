-- Stored jobs still unfinished (they may yet change) that this run's listing did not show:
-- Zuora's list may skip them, so they are fetched by id. temp.listed_ids holds the listed ids.
SELECT id
FROM bulk_jobs
WHERE (status IS NULL OR status NOT IN ('Completed', 'Failed', 'Aborted', 'Cancelled'))
  AND not_found_at IS NULL
  AND id NOT IN (SELECT id FROM temp.listed_ids)
ORDER BY id;
