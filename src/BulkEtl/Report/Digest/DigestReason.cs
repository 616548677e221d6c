namespace BulkEtl.Report.Digest;

/// <summary>A failure reason of the last 7 days, every group together, with its share of the failed rows whose reasons are known.</summary>
internal sealed record DigestReason
{
    public string Category { get; init; } = "";

    public string Code { get; init; } = "";

    public string Reason { get; init; } = "";

    public long Rows { get; init; }

    public long Jobs { get; init; }

    public double? Share { get; init; }
}
