namespace BulkEtl.Report;

/// <summary>
/// One row of the failure-reason report: a reason of one (objectType, jobType) group, the failed rows and jobs that
/// gave it, and its share of the group's failed rows whose reasons are known (4 decimals).
/// </summary>
internal sealed record FailureReasonRow(
    string ObjectType,
    string JobType,
    string Category,
    string Code,
    string Reason,
    long Rows,
    long Jobs,
    decimal ShareOfFailedRows);
