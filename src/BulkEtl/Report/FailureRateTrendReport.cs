namespace BulkEtl.Report;

/// <summary>
/// <c>failure-rate-trend_&lt;by&gt;_&lt;from&gt;_&lt;to&gt;.csv</c>: one row per period and group that has jobs, with
/// the failure-rate report's rules, and its chart beside it as PNG and SVG.
/// </summary>
internal static class FailureRateTrendReport
{
    /// <summary>The SQL files the CSV and its chart read, then the views they read: a manifest hashes them.</summary>
    public static IReadOnlyList<string> SqlFiles { get; } =
        [ReportStates.File, FailureRateQuery.File, FailureRateQuery.ChartLinesFile, .. ReportViews.States];

    public static string BaseName(TrendPeriod by, ReportScope scope) =>
        $"failure-rate-trend_{by.ToString().ToLowerInvariant()}_{scope.FromText}_{scope.ToText}";

    /// <summary>The rows, ordered by entity, period, objectType, jobType (ordinal).</summary>
    public static IReadOnlyList<FailureRateRow> Query(SqliteConnection connection, ReportScope scope, TrendPeriod by, bool? byEntity = null) =>
        FailureRateQuery.Run(new ReportStates(connection), scope, by, byEntity ?? EntityColumn.IsShown(connection));

    /// <summary>The CSV's columns: the period, and an entityId first only when asked.</summary>
    public static CsvColumns<FailureRateRow> Columns(bool withEntity) =>
        withEntity ? new() : new(nameof(FailureRateRow.EntityId));

    /// <summary>Writes the CSV of <paramref name="rows"/>, then the chart of the same jobs, rated by the same rule.</summary>
    public static async Task<TrendFiles> WriteAsync(ReportStates states, IReadOnlyList<FailureRateRow> rows, ReportScope scope,
        TrendPeriod by, string outputDirectory, CancellationToken cancellationToken, bool withEntity = false)
    {
        var baseName = Path.Combine(outputDirectory, BaseName(by, scope));
        var csv = await new CsvFileWriter<FailureRateRow>(Columns(withEntity)).WriteAsync(baseName + ".csv", rows, cancellationToken);
        var chart = TrendChart.Draw(FailureRateQuery.ChartPoints(states.Connection, rows, TrendChart.Lines(rows)), scope, by);
        var png = await AtomicFile.WriteAsync(baseName + ".png", chart.Png, cancellationToken);
        var svg = await AtomicFile.WriteAsync(baseName + ".svg", chart.Svg, cancellationToken);
        return new TrendFiles(csv, PublishedFile.Of(png, chart.Png), PublishedFile.Of(svg, chart.Svg));
    }
}

/// <summary>The files of one trend.</summary>
internal sealed record TrendFiles(string Csv, PublishedFile Png, PublishedFile Svg);
