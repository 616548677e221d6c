using System.Globalization;
using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>
/// The run ledger (<c>etl_runs</c> and its detail tables). Progress is written inside the caller's batch
/// transaction, so the ledger and the data it describes are committed together.
/// </summary>
internal sealed class RunLedger(SqliteConnection connection, TimeProvider timeProvider)
{
    public const string Failed = "failed";
    public const string NotFound = "not_found";
    public const string FromList = "list";
    public const string FromSummary = "summary";

    public void Start(Guid runId, string trackId, DateOnly from, DateOnly to)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute(SqlScripts.Get("runs/interrupt_stale.sql"), new { CurrentRunId = runId.ToString("D") }, transaction);
        connection.Execute(SqlScripts.Get("runs/start.sql"), new
        {
            Id = runId.ToString("D"),
            StartedAt = Now(),
            TrackId = trackId,
            ProcessId = Environment.ProcessId,
            HostName = Environment.MachineName,
            WindowFrom = from.ToString(TextFormats.Day, CultureInfo.InvariantCulture),
            WindowTo = to.ToString(TextFormats.Day, CultureInfo.InvariantCulture),
        }, transaction);
        transaction.Commit();
    }

    public void RecordProgress(Guid runId, BatchCounts counts, SqliteTransaction transaction) =>
        connection.Execute(SqlScripts.Get("runs/progress.sql"), new
        {
            RunId = runId.ToString("D"),
            counts.Fetched,
            counts.New,
            counts.Changed,
            counts.NotFound,
            counts.Failed,
        }, transaction);

    public void RecordJob(Guid runId, string jobId, string kind, string? reason, SqliteTransaction transaction) =>
        connection.Execute(SqlScripts.Get("runs/record_job.sql"),
            new { RunId = runId.ToString("D"), JobId = jobId, Kind = kind, Reason = reason }, transaction);

    /// <summary>Keeps a record Zuora sent that could not be mapped, as evidence.</summary>
    public void RecordRejected(Guid runId, string source, string? jobId, string reason, string? evidence, SqliteTransaction transaction) =>
        connection.Execute(SqlScripts.Get("runs/record_rejected.sql"),
            new { RunId = runId.ToString("D"), Source = source, JobId = jobId, Reason = reason, Evidence = evidence }, transaction);

    /// <summary>Closes the run: its outcome (<c>succeeded</c>, <c>partial</c>, <c>failed</c>), totals, and the files it wrote.</summary>
    public void Finish(Guid runId, string outcome, RunCounts counts, string? failureMessage, long dataQualityIssues,
        IReadOnlyList<RunReportRecord> reports)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute(SqlScripts.Get("runs/record_report.sql"),
            reports.Select(report => report with { RunId = runId.ToString("D") }), transaction);
        connection.Execute(SqlScripts.Get("runs/finish.sql"), new
        {
            RunId = runId.ToString("D"),
            FinishedAt = Now(),
            Outcome = outcome,
            counts.Listed,
            counts.Unchanged,
            counts.Requests,
            counts.Retries,
            counts.TooManyRequests,
            FailureMessage = failureMessage,
            DataQualityIssues = dataQualityIssues,
        }, transaction);
        transaction.Commit();
    }

    /// <summary>Jobs the latest succeeded run listed (its listing was complete); null when no run has.</summary>
    public long? LastCompleteListing() =>
        connection.QuerySingleOrDefault<long?>(SqlScripts.Get("runs/last_complete_listing.sql"));

    public IReadOnlyList<RunRecord> Latest(int limit, string? outcome = null) =>
        connection.Query<RunRecord>(SqlScripts.Get("runs/latest.sql"), new { Limit = limit, Outcome = outcome }).ToList();

    public RunRecord? Find(Guid runId) =>
        connection.QuerySingleOrDefault<RunRecord>(SqlScripts.Get("runs/find.sql"), new { Id = runId.ToString("D") });

    public IReadOnlyList<RunJobRecord> Jobs(string runId) =>
        connection.Query<RunJobRecord>(SqlScripts.Get("runs/jobs.sql"), new { RunId = runId }).ToList();

    public IReadOnlyList<RejectedRecord> Rejected(string runId) =>
        connection.Query<RejectedRecord>(SqlScripts.Get("runs/rejected.sql"), new { RunId = runId }).ToList();

    public IReadOnlyList<RunReportRecord> Reports(string runId) =>
        connection.Query<RunReportRecord>(SqlScripts.Get("runs/reports.sql"), new { RunId = runId }).ToList();

    private string Now() => StoreTime.ToText(timeProvider.GetUtcNow());
}
