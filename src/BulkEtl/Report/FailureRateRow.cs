namespace BulkEtl.Report;

/// <summary>
/// One group of the failure-rate report or of the trend, as sql/rules/failure_rate_groups.sql gives it: a period
/// (<c>""</c> for the report's whole window), a Zuora entity (<c>""</c> unless the store holds several), an
/// (objectType, jobType) pair (<c>""</c> when missing), its counts with missing ones as 0, and the failure rate
/// rowsFailed / (rowsSucceeded + rowsFailed) rounded half away from zero to 4 decimals, null when nothing was
/// processed. Properties, not a positional record, so Dapper can read a rate that is sometimes NULL.
/// </summary>
internal sealed record FailureRateRow
{
    public string EntityId { get; init; } = "";

    public string Period { get; init; } = "";

    public string ObjectType { get; init; } = "";

    public string JobType { get; init; } = "";

    public long Jobs { get; init; }

    public long JobsFailed { get; init; }

    public long RowCount { get; init; }

    public long RowsSucceeded { get; init; }

    public long RowsFailed { get; init; }

    /// <summary>The double nearest a multiple of 0.0001 (an exact one in SQL), so its 4 decimals print it exactly.</summary>
    public double? FailureRate { get; init; }
}
