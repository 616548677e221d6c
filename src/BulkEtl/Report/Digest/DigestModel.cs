namespace BulkEtl.Report.Digest;

/// <summary>
/// Everything the morning page shows, for the last complete UTC day <see cref="Day"/>: the night (null when the ledger
/// has none yet), the groups flagged that day, the jobs that failed outright that day, the failure-rate table, the top
/// reasons of the 7 days to <see cref="Day"/>, and the last nights.
/// </summary>
internal sealed record DigestModel(
    DateOnly Day,
    DigestNight? Night,
    IReadOnlyList<Anomaly> Flagged,
    IReadOnlyList<DigestFailedJob> FailedJobs,
    IReadOnlyList<GroupSummary> Groups,
    IReadOnlyList<DigestReason> Reasons,
    IReadOnlyList<DigestNight> Nights,
    string GeneratedAt)
{
    /// <summary>The first day of the 7-day column and of the reasons.</summary>
    public DateOnly WeekFrom => Day.AddDays(-6);

    /// <summary>The first day of the 30-day column and of the sparklines.</summary>
    public DateOnly MonthFrom => Day.AddDays(-29);
}
