using System.Globalization;
using System.Text;
using BulkEtl.Model;
using BulkEtl.Store;
using ScottPlot;

namespace BulkEtl.Report;

/// <summary>
/// The trend at a glance, drawn by ScottPlot: failure rate over time, one line per objectType × jobType for the
/// largest groups by rows, the rest merged as "other" (its rate from summed rows, not an average of rates).
/// </summary>
internal static class TrendChart
{
    public const int Width = 1200;
    public const int Height = 600;
    public const int LargestGroups = 6;
    public const string OtherLabel = "other";

    public static (byte[] Png, byte[] Svg) Draw(IReadOnlyList<FailureRateTrendRow> rows, ReportScope scope, TrendPeriod by)
    {
        var plot = new Plot();
        var largest = rows
            .GroupBy(row => Label(row))
            .OrderByDescending(group => group.Sum(row => row.RowCount))
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(LargestGroups)
            .Select(group => group.Key)
            .ToHashSet(StringComparer.Ordinal);
        var series = rows
            .GroupBy(row => largest.Contains(Label(row)) ? Label(row) : OtherLabel)
            .OrderBy(group => group.Key == OtherLabel)
            .ThenBy(group => group.Key, StringComparer.Ordinal);
        foreach (var group in series)
        {
            // Periods with no processed row have no rate: they are left out, not drawn as 0.
            var points = group
                .GroupBy(row => row.Period)
                .Select(period => (Day: Day(period.Key), Rate: FailureRateRow.Rate(period.Sum(row => row.RowsSucceeded), period.Sum(row => row.RowsFailed))))
                .Where(point => point.Rate is not null)
                .OrderBy(point => point.Day)
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(point => point.Day.ToOADate()).ToArray(), points.Select(point => (double)point.Rate!.Value).ToArray());
            line.LegendText = group.Key;
            line.MarkerSize = 4;
        }

        var timeAxis = plot.Axes.DateTimeTicksBottom();
        if (timeAxis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            // ISO dates: the analysts' files say 2026-11-20, so the chart must not say 11/20/2026.
            ticks.LabelFormatter = day => day.ToString(TextFormats.Day, CultureInfo.InvariantCulture);
        }
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Failure rate by {(by == TrendPeriod.Week ? "ISO week" : "day")}, {scope.FromText} to {scope.ToText}{(scope.AsOf is { } asOf ? $" as of {asOf.ToString(StoreTime.Format, CultureInfo.InvariantCulture)}" : "")}{(scope.SettledOnly ? ", settled jobs only" : "")}"));
        plot.XLabel(by == TrendPeriod.Week ? "Week (Monday, UTC)" : "Day (UTC)");
        plot.YLabel("Failure rate (rows failed / rows processed)");
        plot.Axes.SetLimitsX(Day(scope.FromText).ToOADate() - 0.5, Day(scope.ToText).ToOADate() + 0.5);
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Edge.Right);
        return (plot.GetImageBytes(Width, Height, ImageFormat.Png), Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height)));
    }

    private static string Label(FailureRateTrendRow row) =>
        $"{(row.ObjectType.Length == 0 ? "(none)" : row.ObjectType)} × {(row.JobType.Length == 0 ? "(none)" : row.JobType)}";

    private static DateTime Day(string period) => DateTime.ParseExact(period, TextFormats.Day, CultureInfo.InvariantCulture);
}
