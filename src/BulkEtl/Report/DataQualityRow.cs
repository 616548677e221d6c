namespace BulkEtl.Report;

/// <summary>One broken rule of one stored summary (see the view bulk_job_quality_issues).</summary>
internal sealed record DataQualityRow(
    string JobId,
    string Rule,
    string? Detail,
    string? ObjectType,
    string? JobType,
    string? Status,
    string? CreatedAt,
    long? RowCount,
    long? RowsSucceeded,
    long? RowsFailed);
