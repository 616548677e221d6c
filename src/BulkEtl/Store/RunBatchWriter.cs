using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>
/// A run's writes, each batch in one transaction: the jobs, their snapshots, the jobs that failed, the records that
/// could not be read, and the run's progress. The ledger therefore never disagrees with the data, and a run killed at
/// any moment leaves a store the next run converges from.
/// </summary>
internal sealed class RunBatchWriter(SqliteConnection connection, RunLedger ledger, Guid runId, TimeProvider timeProvider)
{
    private readonly JobRepository _jobs = new(connection, timeProvider);
    private readonly SnapshotRepository _snapshots = new(connection);

    /// <summary>The Zuora entity the next batches were fetched under (a multi-entity night extracts one entity after another).</summary>
    public string? EntityId { get; set; }

    /// <param name="failed">Jobs that could not be fetched or read, with the answer's text when there was one.</param>
    /// <param name="unreadableListEntries">List entries that could not be read; one without a job id counts as failed.</param>
    public BatchCounts Commit(IReadOnlyList<JobSummary> fetched, IReadOnlyList<FailedJob> failed, IReadOnlyList<UnreadableEntry> unreadableListEntries)
    {
        if (fetched.Count == 0 && failed.Count == 0 && unreadableListEntries.Count == 0)
        {
            return new BatchCounts(0, 0, 0, 0, 0);
        }

        var observedAt = timeProvider.GetUtcNow();
        var summaries = fetched.GroupBy(summary => summary.Id, StringComparer.Ordinal).Select(group => group.Last()).ToList();
        using var transaction = connection.BeginTransaction();
        var known = _jobs.LoadStates(summaries.Select(summary => summary.Id).ToList(), transaction);
        var written = _jobs.Upsert(summaries, transaction, EntityId);
        _snapshots.Record(summaries, runId, observedAt, transaction, EntityId);
        foreach (var failure in failed)
        {
            ledger.RecordJob(runId, failure.JobId, RunLedger.Failed, failure.Reason, transaction);
            if (failure.Evidence is not null)
            {
                ledger.RecordRejected(runId, RunLedger.FromSummary, failure.JobId, failure.Reason, failure.Evidence, transaction);
            }
        }

        foreach (var entry in unreadableListEntries)
        {
            ledger.RecordRejected(runId, RunLedger.FromList, entry.JobId, entry.Reason, entry.Evidence, transaction);
        }

        var added = summaries.Count(summary => !known.ContainsKey(summary.Id));
        var counts = new BatchCounts(summaries.Count, added, Math.Max(0, written - added), 0,
            failed.Count + unreadableListEntries.Count(entry => entry.JobId is null));
        ledger.RecordProgress(runId, counts, transaction);
        transaction.Commit();
        return counts;
    }

    /// <summary>Marks jobs Zuora no longer knows as deleted, keeping their last state, in one transaction.</summary>
    public BatchCounts CommitNotFound(IReadOnlyList<string> jobIds)
    {
        var observedAt = timeProvider.GetUtcNow();
        using var transaction = connection.BeginTransaction();
        foreach (var jobId in jobIds)
        {
            _jobs.MarkNotFound(jobId, observedAt, transaction);
            _snapshots.RecordNotFound(jobId, runId, observedAt, transaction);
            ledger.RecordJob(runId, jobId, RunLedger.NotFound, "Zuora answered 404: the job was deleted", transaction);
        }

        var counts = new BatchCounts(0, 0, 0, jobIds.Count, 0);
        ledger.RecordProgress(runId, counts, transaction);
        transaction.Commit();
        return counts;
    }
}

/// <summary>A job a run could not fetch or read: why, and the answer's text (capped) when there was one.</summary>
internal sealed record FailedJob(string JobId, string Reason, string? Evidence = null);

/// <summary>A list entry that could not be read: its job id when one could be read, why, and its text (capped).</summary>
internal sealed record UnreadableEntry(string? JobId, string Reason, string Evidence);
