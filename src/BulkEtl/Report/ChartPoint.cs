namespace BulkEtl.Report;

/// <summary>One period of one line of the trend chart; a null type is the merged "other" line.</summary>
internal sealed record ChartPoint
{
    public string Period { get; init; } = "";

    public string? ObjectType { get; init; }

    public string? JobType { get; init; }

    public double? FailureRate { get; init; }
}
