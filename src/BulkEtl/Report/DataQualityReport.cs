using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// <c>data-quality_&lt;from&gt;_&lt;to&gt;.csv</c>: summaries that contradict themselves (more rows succeeded and failed
/// than the job had, negative counts, updated before created, an unknown status). They are kept and counted in
/// every report; this list says which numbers not to trust blindly.
/// </summary>
internal static class DataQualityReport
{
    public const string QueryFile = "queries/data_quality.sql";

    /// <summary>The SQL files the list reads, then the views it reads: a manifest hashes them.</summary>
    public static IReadOnlyList<string> SqlFiles { get; } =
        [ReportStates.File, QueryFile, .. ReportViews.States, DerivedSchema.ViewFile("job_state_quality_issues")];

    public static string FileName(ReportScope scope) => $"data-quality_{scope.FromText}_{scope.ToText}.csv";

    public static IReadOnlyList<DataQualityRow> Query(SqliteConnection connection, ReportScope scope) =>
        Query(new ReportStates(connection), scope);

    public static IReadOnlyList<DataQualityRow> Query(ReportStates states, ReportScope scope) =>
        states.Select(scope).Connection.Query<Issue>(SqlScripts.Get(QueryFile))
            .Select(issue => new DataQualityRow(issue.JobId, issue.Rule, issue.Detail, issue.ObjectType, issue.JobType, issue.Status,
                issue.CreatedAt, issue.RowCount, issue.RowsSucceeded, issue.RowsFailed))
            .ToList();

    /// <summary>Jobs in the whole store that break at least one rule, for the run ledger.</summary>
    public static long CountFlaggedJobs(SqliteConnection connection) =>
        connection.ExecuteScalar<long>(SqlScripts.Get("queries/data_quality_count.sql"));

    /// <summary>
    /// Materialised through setters: the view's computed columns have no declared type, so with no rows SQLite
    /// reports them as BLOB and a positional record's constructor would not match.
    /// </summary>
    private sealed class Issue
    {
        public string JobId { get; set; } = "";

        public string Rule { get; set; } = "";

        public string? Detail { get; set; }

        public string? ObjectType { get; set; }

        public string? JobType { get; set; }

        public string? Status { get; set; }

        public string? CreatedAt { get; set; }

        public long? RowCount { get; set; }

        public long? RowsSucceeded { get; set; }

        public long? RowsFailed { get; set; }
    }
}
