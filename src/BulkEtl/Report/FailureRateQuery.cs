using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// The queries behind the failure-rate report, the trend and its chart: sql/queries/failure_rates.sql after the shared
/// job selection, and trend_chart_lines.sql over the trend's groups, both grouping and rating by
/// sql/rules/failure_rate_groups.sql, the definition the analyst views use too. No rate is computed in C#.
/// </summary>
internal static class FailureRateQuery
{
    public const string File = "queries/failure_rates.sql";

    public const string ChartLinesFile = "queries/trend_chart_lines.sql";

    /// <summary>Rows ordered by entity, period, objectType, jobType (ordinal); period is "" when <paramref name="by"/> is null.</summary>
    /// <param name="byEntity">Groups per Zuora entity too (<see cref="EntityColumn.IsShown"/>, which the caller reads
    /// once for the rows and the CSV's columns alike).</param>
    public static IReadOnlyList<FailureRateRow> Run(SqliteConnection connection, ReportScope scope, TrendPeriod? by, bool byEntity)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = Parameters(scope, by);
        parameters.Add("ByEntity", byEntity ? 1 : 0);
        return connection.Query<FailureRateRow>(ReportScope.Sql(File), parameters)
            .OrderBy(row => row.EntityId, StringComparer.Ordinal)
            .ThenBy(row => row.Period, StringComparer.Ordinal)
            .ThenBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The chart's points from the trend's <paramref name="rows"/>: a rate per period for each of <paramref name="lines"/>,
    /// and for every other group merged (<see cref="ChartPoint.ObjectType"/> and <see cref="ChartPoint.JobType"/> null).
    /// </summary>
    public static IReadOnlyList<ChartPoint> ChartPoints(
        SqliteConnection connection, IReadOnlyList<FailureRateRow> rows, IReadOnlyCollection<(string ObjectType, string JobType)> lines)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var groups = rows.Select(row =>
        {
            var alone = lines.Contains((row.ObjectType, row.JobType));
            return new ChartGroup(row.Period, alone ? row.ObjectType : null, alone ? row.JobType : null, row.RowCount, row.RowsSucceeded, row.RowsFailed);
        });
        return connection.Query<ChartPoint>(SqlScripts.Get(ChartLinesFile), new { Groups = SqlJson.Of(groups) }).ToList();
    }

    private static DynamicParameters Parameters(ReportScope scope, TrendPeriod? by)
    {
        var parameters = new DynamicParameters(scope.Parameters());
        parameters.Add("By", by switch { TrendPeriod.Day => "day", TrendPeriod.Week => "week", _ => "window" });
        return parameters;
    }

    /// <summary>One trend group as the chart query reads it; null types put it in the merged line.</summary>
    private sealed record ChartGroup(string Period, string? ObjectType, string? JobType, long RowCount, long RowsSucceeded, long RowsFailed);
}
