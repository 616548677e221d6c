using System.Globalization;

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

    private const int ShareDecimals = 4;

    public static string FileName(ReportScope scope) =>
        string.Create(CultureInfo.InvariantCulture, $"failure-reasons_{scope.FromText}_{scope.ToText}.csv");

    public static IReadOnlyList<FailureReasonRow> Query(SqliteConnection connection, ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var groups = connection.Query<Group>(ReportScope.Sql(QueryFile), scope.Parameters()).ToList();
        var groupRows = groups.GroupBy(group => (group.ObjectType, group.JobType))
            .ToDictionary(group => group.Key, group => group.Sum(row => row.Rows));
        return groups
            .Select(group => new FailureReasonRow(group.ObjectType, group.JobType, group.Category, group.Code, group.Reason, group.Rows,
                group.Jobs, Share(group.Rows, groupRows[(group.ObjectType, group.JobType)])))
            .OrderBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ThenByDescending(row => row.Rows)
            .ThenBy(row => row.Code, StringComparer.Ordinal)
            .ThenBy(row => row.Reason, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>How many jobs the report counts (each once, however many reasons it had).</summary>
    public static long CountJobs(SqliteConnection connection, ReportScope scope) =>
        connection.ExecuteScalar<long>(ReportScope.Sql(JobsQueryFile), scope.Parameters());

    public static decimal Share(long rows, long groupRows) =>
        groupRows <= 0 ? 0m : Math.Round((decimal)rows / groupRows, ShareDecimals, MidpointRounding.AwayFromZero);

    private sealed class Group
    {
        public string ObjectType { get; set; } = "";

        public string JobType { get; set; } = "";

        public string Category { get; set; } = "";

        public string Code { get; set; } = "";

        public string Reason { get; set; } = "";

        public long Rows { get; set; }

        public long Jobs { get; set; }
    }
}
