namespace BulkEtl.Report;

/// <summary>
/// One (objectType, jobType) group of the failure-rate report. Missing types are <c>""</c>; row sums
/// count a missing value as 0; <see cref="FailureRate"/> is rowsFailed / (rowsSucceeded + rowsFailed)
/// rounded to 4 decimals, or null when nothing was processed.
/// </summary>
internal sealed record FailureRateRow(
    string ObjectType,
    string JobType,
    long Jobs,
    long JobsFailed,
    long RowCount,
    long RowsSucceeded,
    long RowsFailed,
    decimal? FailureRate,
    string EntityId = "")
{
    public const int RateDecimals = 4;

    /// <summary>Null when no row was processed; midpoints round away from zero (0.12345 → 0.1235).</summary>
    public static decimal? Rate(long rowsSucceeded, long rowsFailed)
    {
        var processed = (decimal)rowsSucceeded + rowsFailed;
        return processed == 0
            ? null
            : Math.Round(rowsFailed / processed, RateDecimals, MidpointRounding.AwayFromZero);
    }
}
