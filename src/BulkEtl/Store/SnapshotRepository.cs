using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>Writes <c>bulk_job_snapshots</c>: one row per observed state of a job, added only on a change.</summary>
internal sealed class SnapshotRepository(SqliteConnection connection)
{
    /// <summary>Records the states of <paramref name="summaries"/>; returns how many were new states.</summary>
    public int Record(IReadOnlyList<JobSummary> summaries, Guid runId, DateTimeOffset observedAt, SqliteTransaction transaction,
        string? entityId = null)
    {
        if (summaries.Count == 0)
        {
            return 0;
        }

        var observed = StoreTime.ToText(observedAt);
        var run = runId.ToString("D");
        using var record = new PreparedBatch(transaction, SqlScripts.Get("snapshots/record.sql"),
            "Id", "ObservedAt", "RunId", "Status", "RowCount", "RowsSucceeded", "RowsFailed", "LastUpdatedAt", "CreatedAt", "ObjectType",
            "JobType", "FailureReason", "EntityId", "CreatedDay", "CreatedWeek", "CreatedMonth");
        var recorded = 0;
        foreach (var summary in summaries)
        {
            var periods = JobPeriods.Of(summary.CreatedAt);
            recorded += record.Execute(summary.Id, observed, run, summary.Status, summary.RowCount, summary.RowsSucceeded, summary.RowsFailed,
                Text(summary.LastUpdatedAt), Text(summary.CreatedAt), summary.ObjectType, summary.JobType, summary.FailureReason, entityId,
                periods?.Day, periods?.Week, periods?.Month);
        }

        return recorded;
    }

    /// <summary>Records that Zuora no longer knows a job, keeping its last known state.</summary>
    public void RecordNotFound(string jobId, Guid runId, DateTimeOffset observedAt, SqliteTransaction transaction) =>
        connection.Execute(SqlScripts.Get("snapshots/record_not_found.sql"),
            new { JobId = jobId, RunId = runId.ToString("D"), ObservedAt = StoreTime.ToText(observedAt) }, transaction);

    private static string? Text(DateTimeOffset? instant) => StoreTime.ToText(instant);
}
