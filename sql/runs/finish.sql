UPDATE etl_runs SET
    finished_at       = @FinishedAt,
    outcome           = @Outcome,
    jobs_listed       = @Listed,
    jobs_unchanged    = @Unchanged,
    requests          = @Requests,
    retries           = @Retries,
    too_many_requests = @TooManyRequests,
    failure_message   = @FailureMessage,
    data_quality_issues = @DataQualityIssues
WHERE id = @RunId;
