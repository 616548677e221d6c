namespace BulkEtl.Report.Digest;

/// <summary>A job created on the digest's day whose current status is Failed (sql/digest/failed_jobs.sql).</summary>
internal sealed record DigestFailedJob
{
    public string Id { get; init; } = "";

    public string ObjectType { get; init; } = "";

    public string JobType { get; init; } = "";

    public string CreatedAt { get; init; } = "";

    public long? RowCount { get; init; }

    public long? RowsFailed { get; init; }

    public string? FailureReason { get; init; }
}
