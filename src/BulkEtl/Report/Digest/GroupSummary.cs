namespace BulkEtl.Report.Digest;

/// <summary>
/// One row of the digest's failure-rate table: a group's last day, 7 and 30 days, and its daily rates over the 30 days
/// (oldest first, null for a day without a rate) for the sparkline; <see cref="Flag"/> when its last day was flagged.
/// </summary>
internal sealed record GroupSummary(
    string ObjectType,
    string JobType,
    WindowSums LastDay,
    WindowSums Week,
    WindowSums Month,
    IReadOnlyList<double?> DailyRates,
    Anomaly? Flag);
