-- Committed in the same transaction as the batch's jobs, so the ledger never disagrees with the data.
UPDATE etl_runs SET
    jobs_fetched   = jobs_fetched + @Fetched,
    jobs_new       = jobs_new + @New,
    jobs_changed   = jobs_changed + @Changed,
    jobs_not_found = jobs_not_found + @NotFound,
    jobs_failed    = jobs_failed + @Failed
WHERE id = @RunId;
