using System.Text.Json;

namespace BulkEtl.Report;

/// <summary>
/// The queries behind the failure-rate report, the trend and its chart: sql/queries/failure_rates.sql and
/// trend_chart_lines.sql after the shared job selection, both grouping and rating by sql/rules/failure_rate_groups.sql,
/// the definition the analyst views use too. No rate is computed in C#.
/// </summary>
internal static class FailureRateQuery
{
    public const string File = "queries/failure_rates.sql";

    private const string ChartLinesFile = "queries/trend_chart_lines.sql";

    /// <summary>Rows ordered by entity, period, objectType, jobType (ordinal); period is "" when <paramref name="by"/> is null.</summary>
    public static IReadOnlyList<FailureRateRow> Run(SqliteConnection connection, ReportScope scope, TrendPeriod? by)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = Parameters(scope, by);
        parameters.Add("ByEntity", EntityColumn.IsShown(connection) ? 1 : 0);
        return connection.Query<FailureRateRow>(ReportScope.Sql(File), parameters)
            .OrderBy(row => row.EntityId, StringComparer.Ordinal)
            .ThenBy(row => row.Period, StringComparer.Ordinal)
            .ThenBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The chart's points: a rate per period for each of <paramref name="lines"/>, and for every other job merged
    /// (<see cref="ChartPoint.ObjectType"/> and <see cref="ChartPoint.JobType"/> null).
    /// </summary>
    public static IReadOnlyList<ChartPoint> ChartPoints(
        SqliteConnection connection, ReportScope scope, TrendPeriod by, IEnumerable<(string ObjectType, string JobType)> lines)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = Parameters(scope, by);
        parameters.Add("Lines", JsonSerializer.Serialize(lines.Select(line => new { objectType = line.ObjectType, jobType = line.JobType })));
        return connection.Query<ChartPoint>(ReportScope.Sql(ChartLinesFile), parameters).ToList();
    }

    private static DynamicParameters Parameters(ReportScope scope, TrendPeriod? by)
    {
        var parameters = new DynamicParameters(scope.Parameters());
        parameters.Add("By", by switch { TrendPeriod.Day => "day", TrendPeriod.Week => "week", _ => "window" });
        return parameters;
    }
}
