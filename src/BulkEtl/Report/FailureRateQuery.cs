using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// The queries behind the failure-rate report, the trend and its chart: <c>sql/queries/failure_rates.sql</c> over the
/// scope's counted states, and <c>trend_chart_lines.sql</c> over the same states with the chart's lines as rows of a
/// temp table. No rate is computed in C#.
/// </summary>
internal static class FailureRateQuery
{
    public const string File = "queries/failure_rates.sql";

    public const string ChartLinesFile = "queries/trend_chart_lines.sql";

    /// <summary>Rows ordered by entity, period, objectType, jobType (ordinal); period is "" when <paramref name="by"/> is null.</summary>
    /// <param name="byEntity">Groups per Zuora entity too (<see cref="EntityColumn.IsShown"/>, which the caller reads
    /// once for the rows and the CSV's columns alike).</param>
    public static IReadOnlyList<FailureRateRow> Run(ReportStates states, ReportScope scope, TrendPeriod? by, bool byEntity)
    {
        ArgumentNullException.ThrowIfNull(states);
        states.Select(scope);
        return states.Connection.Query<FailureRateRow>(SqlScripts.Get(File), new { By = Period(by), ByEntity = byEntity ? 1 : 0 })
            .OrderBy(row => row.EntityId, StringComparer.Ordinal)
            .ThenBy(row => row.Period, StringComparer.Ordinal)
            .ThenBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The chart's points over the trend's states: a rate per period for each of <paramref name="lines"/>, and for every
    /// other group merged (<see cref="ChartPoint.ObjectType"/> and <see cref="ChartPoint.JobType"/> null).
    /// </summary>
    public static IReadOnlyList<ChartPoint> ChartPoints(
        ReportStates states, ReportScope scope, TrendPeriod by, IReadOnlyCollection<(string ObjectType, string JobType)> lines)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(lines);
        states.Select(scope);
        var connection = states.Connection;
        connection.Execute(SqlScripts.Get("queries/create_chart_lines.sql"));
        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            connection.Execute(SqlScripts.Get("queries/clear_chart_lines.sql"), transaction: transaction);
            using var add = new PreparedBatch(transaction, SqlScripts.Get("queries/add_chart_line.sql"), "ObjectType", "JobType");
            foreach (var (objectType, jobType) in lines)
            {
                add.Execute(objectType, jobType);
            }

            transaction.Commit();
        }

        return connection.Query<ChartPoint>(SqlScripts.Get(ChartLinesFile), new { By = Period(by) }).ToList();
    }

    private static string Period(TrendPeriod? by) => by switch { TrendPeriod.Day => "day", TrendPeriod.Week => "week", _ => "window" };
}
