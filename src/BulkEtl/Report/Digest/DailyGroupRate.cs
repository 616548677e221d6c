namespace BulkEtl.Report.Digest;

/// <summary>One group's day as the analyst view daily_failure_rates gives it (sql/digest/daily_rates.sql).</summary>
internal sealed record DailyGroupRate(
    string Day,
    string ObjectType,
    string JobType,
    long Jobs,
    long JobsFailed,
    long RowCount,
    long RowsSucceeded,
    long RowsFailed,
    double? FailureRate)
{
    /// <summary>For Dapper, which then sets the properties by name (a NULL rate in the first row has no type).</summary>
    public DailyGroupRate()
        : this("", "", "", 0, 0, 0, 0, 0, null)
    {
    }

    /// <summary>The rows the rate divides by: succeeded plus failed.</summary>
    public long RowsProcessed => RowsSucceeded + RowsFailed;
}
