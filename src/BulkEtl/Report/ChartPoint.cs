namespace BulkEtl.Report;

/// <summary>One period of one line of the trend chart; a null type is the merged "other" line.</summary>
internal sealed record ChartPoint(string Period, string? ObjectType, string? JobType, double? FailureRate)
{
    /// <summary>For Dapper: a NULL type or rate in the first row has no column type to match a constructor by.</summary>
    public ChartPoint()
        : this("", null, null, null)
    {
    }
}
