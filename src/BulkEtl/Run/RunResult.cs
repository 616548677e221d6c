using BulkEtl.Extract;

namespace BulkEtl.Run;

/// <summary>What a run did, for the exit code, the closing summary and the run ledger.</summary>
public sealed record RunResult(
    Guid RunId,
    string TrackId,
    RunOutcome Outcome,
    RunCounts Counts,
    IReadOnlyList<FetchOutcome.Failed> FailedJobs,
    IReadOnlyList<UnreadableRecord> UnreadableEntries,
    IReadOnlyList<string> ReportFiles,
    string? FailureMessage)
{
    /// <summary>What the failure-reason collection did (issue 12); null when it was off or did not run.</summary>
    public FailureReasonCounts? FailureReasons { get; init; }
}

public sealed record RunCounts(
    long Listed,
    long Fetched,
    long New,
    long Changed,
    long Unchanged,
    long NotFound,
    long Failed,
    long Requests,
    long Retries,
    long TooManyRequests);
