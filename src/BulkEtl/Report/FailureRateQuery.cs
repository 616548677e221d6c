using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Report;

/// <summary>
/// The one query behind the failure-rate report and the trend (sql/queries/failure_rates.sql after the shared job
/// selection), so both count, sum and round by the same rules.
/// </summary>
internal static class FailureRateQuery
{
    public const string File = "queries/failure_rates.sql";

    /// <summary>Rows ordered by period, objectType, jobType (ordinal); period is "" when <paramref name="by"/> is null.</summary>
    public static IReadOnlyList<FailureRateTrendRow> Run(SqliteConnection connection, ReportScope scope, TrendPeriod? by)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = new DynamicParameters(scope.Parameters());
        parameters.Add("By", by switch { TrendPeriod.Day => "day", TrendPeriod.Week => "week", _ => "window" });
        parameters.Add("ByEntity", EntityColumn.IsShown(connection) ? 1 : 0);
        return connection.Query<Group>(ReportScope.Sql(File), parameters)
            .Select(group => new FailureRateTrendRow(group.Period, group.ObjectType, group.JobType, group.Jobs, group.JobsFailed,
                group.RowCount, group.RowsSucceeded, group.RowsFailed, FailureRateRow.Rate(group.RowsSucceeded, group.RowsFailed), group.EntityId))
            .OrderBy(row => row.EntityId, StringComparer.Ordinal)
            .ThenBy(row => row.Period, StringComparer.Ordinal)
            .ThenBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Group
    {
        public string Period { get; set; } = "";

        public string ObjectType { get; set; } = "";

        public string JobType { get; set; } = "";

        public long Jobs { get; set; }

        public long JobsFailed { get; set; }

        public long RowCount { get; set; }

        public long RowsSucceeded { get; set; }

        public long RowsFailed { get; set; }

        public string EntityId { get; set; } = "";
    }
}
