using System.Globalization;
using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// Why rows failed, per (objectType, jobType) over the jobs of a report's scope whose reasons were collected, written
/// as <c>failure-reasons_&lt;from&gt;_&lt;to&gt;.csv</c>. shareOfFailedRows is a reason's rows over the rows of all the
/// group's reasons. Ordered by objectType, jobType (ordinal), then rows descending (then code and reason, ordinal).
/// </summary>
internal static class FailureReasonReport
{
    public const string QueryFile = "queries/failure_reasons.sql";

    public const string JobsQueryFile = "queries/failure_reasons_jobs.sql";

    /// <summary>The SQL files the report reads, then the views they read: a manifest hashes them.</summary>
    public static IReadOnlyList<string> SqlFiles { get; } = [ReportStates.File, QueryFile, JobsQueryFile, .. ReportViews.States];

    public static string FileName(ReportScope scope) =>
        string.Create(CultureInfo.InvariantCulture, $"failure-reasons_{scope.FromText}_{scope.ToText}.csv");

    public static IReadOnlyList<FailureReasonRow> Query(SqliteConnection connection, ReportScope scope) =>
        Query(new ReportStates(connection), scope);

    public static IReadOnlyList<FailureReasonRow> Query(ReportStates states, ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(states);
        return states.Select(scope).Connection.Query<FailureReasonRow>(SqlScripts.Get(QueryFile))
            .OrderBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ThenByDescending(row => row.Rows)
            .ThenBy(row => row.Code, StringComparer.Ordinal)
            .ThenBy(row => row.Reason, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>How many jobs the report counts (each once, however many reasons it had).</summary>
    public static long CountJobs(ReportStates states, ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(states);
        return states.Select(scope).Connection.ExecuteScalar<long>(SqlScripts.Get(JobsQueryFile));
    }
}
