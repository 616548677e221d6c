using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>
/// A run's numbers for a scheduler's monitoring: when it ran, how it ended, what it did, and when a run last succeeded
/// (kept across runs). Written by <see cref="RunMetricsFile"/> whatever the outcome.
/// </summary>
internal sealed record RunMetrics(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    RunOutcome Outcome,
    RunCounts Counts,
    long DataQualityFlags,
    DateTimeOffset? LastSuccessAt)
{
    /// <summary>The groups flagged on the last complete UTC day (the digest's); null when the store could not tell.</summary>
    public IReadOnlyList<BulkEtl.Report.Digest.Anomaly>? Anomalies { get; init; }
}
