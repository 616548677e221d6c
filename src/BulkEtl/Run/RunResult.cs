using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>What a run did, for the exit code and the closing summary; the ledger holds the same.</summary>
internal sealed record RunResult(
    Guid RunId,
    string TrackId,
    RunOutcome Outcome,
    RunCounts Counts,
    IReadOnlyList<FailedJob> FailedJobs,
    IReadOnlyList<UnreadableEntry> UnreadableEntries,
    IReadOnlyList<string> ReportFiles,
    string? FailureMessage)
{
    /// <summary>What the failure-reason collection did; null when it was off or did not run.</summary>
    public FailureReasonCounts? FailureReasons { get; init; }
}
