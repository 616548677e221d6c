namespace BulkEtl.Report;

/// <summary>
/// One group of the failure-rate report or of the trend, as sql/queries/failure_rates.sql gives it: a period
/// (<c>""</c> for the report's whole window), a Zuora entity (<c>""</c> unless the store holds several), an
/// (objectType, jobType) pair (<c>""</c> when missing), its counts with missing ones as 0, and the failure rate
/// rowsFailed / (rowsSucceeded + rowsFailed) rounded half away from zero to 4 decimals, null when nothing was
/// processed.
/// </summary>
internal sealed record FailureRateRow(
    string EntityId,
    string Period,
    string ObjectType,
    string JobType,
    long Jobs,
    long JobsFailed,
    long RowCount,
    long RowsSucceeded,
    long RowsFailed,
    double? FailureRate)
{
    /// <summary>
    /// For Dapper, which then sets the properties by name: it matches a constructor by the first row's column types,
    /// and a NULL rate there has no type. The rate is the double nearest a multiple of 0.0001 (an exact one in SQL),
    /// so its 4 decimals print it exactly.
    /// </summary>
    public FailureRateRow()
        : this("", "", "", "", 0, 0, 0, 0, 0, null)
    {
    }
}
