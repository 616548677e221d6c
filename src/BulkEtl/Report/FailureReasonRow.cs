namespace BulkEtl.Report;

/// <summary>
/// One row of the failure-reason report: a reason of one (objectType, jobType) group, the failed rows and jobs that
/// gave it, and its share of the group's failed rows whose reasons are known, by the failure rate's rounding rule
/// (sql/queries/failure_reasons.sql).
/// </summary>
internal sealed record FailureReasonRow(
    string ObjectType,
    string JobType,
    string Category,
    string Code,
    string Reason,
    long Rows,
    long Jobs,
    double ShareOfFailedRows)
{
    /// <summary>For Dapper, which then sets the properties by name (see <see cref="FailureRateRow()"/>).</summary>
    public FailureReasonRow()
        : this("", "", "", "", "", 0, 0, 0)
    {
    }
}
