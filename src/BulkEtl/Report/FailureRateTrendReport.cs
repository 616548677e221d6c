using BulkEtl.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Report;

/// <summary>
/// <c>failure-rate-trend_&lt;by&gt;_&lt;from&gt;_&lt;to&gt;.csv</c>: one row per period and group that has jobs, with
/// the failure-rate report's rules, and its chart beside it as PNG and SVG.
/// </summary>
public static class FailureRateTrendReport
{
    public const string QueryFile = "queries/failure_rate_trend.sql";

    public static string BaseName(TrendPeriod by, ReportScope scope) =>
        $"failure-rate-trend_{by.ToString().ToLowerInvariant()}_{scope.FromText}_{scope.ToText}";

    /// <summary>The rows, ordered by period, objectType, jobType (ordinal).</summary>
    public static IReadOnlyList<FailureRateTrendRow> Query(SqliteConnection connection, ReportScope scope, TrendPeriod by)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = new DynamicParameters(scope.Parameters());
        parameters.Add("By", by == TrendPeriod.Week ? "week" : "day");
        return connection.Query<Group>(ReportScope.Sql(QueryFile), parameters)
            .Select(group => new FailureRateTrendRow(group.Period, group.ObjectType, group.JobType, group.Jobs, group.JobsFailed,
                group.RowCount, group.RowsSucceeded, group.RowsFailed, FailureRateRow.Rate(group.RowsSucceeded, group.RowsFailed)))
            .OrderBy(row => row.Period, StringComparer.Ordinal)
            .ThenBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Writes the CSV of <paramref name="rows"/>, then the chart drawn from the same rows.</summary>
    public static async Task<TrendFiles> WriteAsync(IReadOnlyList<FailureRateTrendRow> rows, ReportScope scope, TrendPeriod by,
        string outputDirectory, CancellationToken cancellationToken)
    {
        var baseName = Path.Combine(outputDirectory, BaseName(by, scope));
        var csv = await new CsvFileWriter<FailureRateTrendRow>(new FailureRateTrendRowMap()).WriteAsync(baseName + ".csv", rows, cancellationToken);
        var chart = TrendChart.Draw(rows, scope, by);
        var png = await AtomicFile.WriteAsync(baseName + ".png", chart.Png, cancellationToken);
        var svg = await AtomicFile.WriteAsync(baseName + ".svg", chart.Svg, cancellationToken);
        return new TrendFiles(csv, png, svg);
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
    }
}

/// <summary>The files of one trend.</summary>
public sealed record TrendFiles(string Csv, string Png, string Svg);
