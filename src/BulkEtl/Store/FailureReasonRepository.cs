namespace BulkEtl.Store;

/// <summary>
/// Reads and writes <c>bulk_job_failure_reasons</c> and its per-job marker <c>bulk_job_failure_reason_runs</c>. A job's
/// reasons and its marker are written in one transaction, so a job is either collected whole or not at all.
/// </summary>
internal sealed class FailureReasonRepository(SqliteConnection connection, TimeProvider timeProvider)
{
    public const string FromErrorFile = "error_file";
    public const string FromFailureReason = "failure_reason";

    /// <summary>
    /// Final jobs with failed rows whose reasons are not stored yet, oldest first: of any entity, or only those of
    /// <paramref name="entity"/>.
    /// </summary>
    /// <param name="entity">Only this entity's jobs (a multi-entity night); null for every job.</param>
    public IReadOnlyList<PendingFailureReasons> Pending(EntityFilter? entity = null) =>
        connection.Query<PendingRow>(SqlScripts.Get("reasons/pending.sql"), new { AnyEntity = entity is null ? 1 : 0, entity?.EntityId })
            .Select(row => new PendingFailureReasons(row.JobId, row.FailureReason, row.RowsFailed ?? 0, row.Status, row.FileType, row.Nights))
            .ToList();

    /// <summary>
    /// One more night that found neither an error file nor a failureReason for the job (a second ask in the same run
    /// does not count); at <paramref name="maxNights"/> the job is recorded as having no error file and leaves
    /// <see cref="Pending"/> for good.
    /// </summary>
    /// <returns>Whether this night recorded the job as having no error file.</returns>
    public bool RecordNoFile(string jobId, Guid runId, int maxNights) =>
        connection.QuerySingleOrDefault<long?>(SqlScripts.Get("reasons/record_attempt.sql"), new
        {
            JobId = jobId,
            AskedAt = StoreTime.ToText(timeProvider.GetUtcNow()),
            RunId = runId.ToString("D"),
            MaxNights = maxNights,
        }) == 1;

    /// <summary>How many jobs the run recorded as having no error file.</summary>
    public long NoErrorFileCount(string runId) =>
        connection.ExecuteScalar<long>(SqlScripts.Get("reasons/no_error_file_count.sql"), new { RunId = runId });

    /// <summary>Stores one job's reasons and marks it collected. <paramref name="source"/> is one of the From* constants.</summary>
    public void Store(string jobId, Guid? runId, string source, long rowsRead, IEnumerable<StoredFailureReason> reasons)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute(SqlScripts.Get("reasons/mark_collected.sql"), new
        {
            JobId = jobId,
            CollectedAt = StoreTime.ToText(timeProvider.GetUtcNow()),
            RunId = runId?.ToString("D"),
            Source = source,
            RowsRead = rowsRead,
        }, transaction);
        connection.Execute(SqlScripts.Get("reasons/insert.sql"),
            reasons.Select(reason => new { JobId = jobId, reason.Code, reason.Category, reason.Reason, reason.Rows }).ToList(), transaction);
        transaction.Commit();
    }

    private sealed class PendingRow
    {
        public string JobId { get; set; } = "";

        public string? FailureReason { get; set; }

        public long? RowsFailed { get; set; }

        public string? Status { get; set; }

        public string? FileType { get; set; }

        public long Nights { get; set; }
    }
}
