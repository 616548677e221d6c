using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// The queries behind the failure-rate report, the trend and its chart: <c>sql/queries/failure_rates.sql</c> over the
/// scope's counted states, and <c>trend_chart_lines.sql</c> over the trend's groups, handed to it as rows of a temp
/// table. No rate is computed in C#.
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
    /// The chart's points from the trend's <paramref name="rows"/>, handed to SQL as rows of a temp table: a rate per
    /// period for each of <paramref name="lines"/>, and for every other group merged (<see cref="ChartPoint.ObjectType"/>
    /// and <see cref="ChartPoint.JobType"/> null).
    /// </summary>
    public static IReadOnlyList<ChartPoint> ChartPoints(
        SqliteConnection connection, IReadOnlyList<FailureRateRow> rows, IReadOnlyCollection<(string ObjectType, string JobType)> lines)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(lines);
        connection.Execute(SqlScripts.Get("queries/create_chart_groups.sql"));
        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            connection.Execute(SqlScripts.Get("queries/clear_chart_groups.sql"), transaction: transaction);
            using var add = new PreparedBatch(transaction, SqlScripts.Get("queries/add_chart_group.sql"),
                "Period", "ObjectType", "JobType", "RowsSucceeded", "RowsFailed");
            foreach (var row in rows)
            {
                var alone = lines.Contains((row.ObjectType, row.JobType));
                add.Execute(row.Period, alone ? row.ObjectType : null, alone ? row.JobType : null, row.RowsSucceeded, row.RowsFailed);
            }

            transaction.Commit();
        }

        return connection.Query<ChartPoint>(SqlScripts.Get(ChartLinesFile)).ToList();
    }

    private static string Period(TrendPeriod? by) => by switch { TrendPeriod.Day => "day", TrendPeriod.Week => "week", _ => "window" };
}
