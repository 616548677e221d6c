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

    /// <summary>The groups that get a line of their own: the largest by rows, ties by name; entities merged.</summary>
    public static IReadOnlyCollection<(string ObjectType, string JobType)> Lines(IReadOnlyList<FailureRateRow> rows) => rows
        .GroupBy(row => (row.ObjectType, row.JobType))
        .OrderByDescending(group => group.Sum(row => row.RowCount))
        .ThenBy(group => Label(group.Key.ObjectType, group.Key.JobType), StringComparer.Ordinal)
        .Take(LargestGroups)
        .Select(group => group.Key)
        .ToHashSet();

    /// <param name="points">The rated periods of the <see cref="Lines"/> groups and of the rest merged (null types),
    /// from <see cref="FailureRateQuery.ChartPoints"/>.</param>
    public static (byte[] Png, byte[] Svg) Draw(IReadOnlyList<ChartPoint> points, ReportScope scope, TrendPeriod by)
    {
        var plot = new Plot();
        // A line is a group, (objectType, jobType); its label is only the legend's text, which two groups may share
        // ("" and a literal "(none)"), so lines are told apart by the pair.
        var series = points
            .GroupBy(point => (point.ObjectType, point.JobType))
            .Select(group => (Label: group.Key.ObjectType is null ? OtherLabel : Label(group.Key.ObjectType, group.Key.JobType ?? ""), Points: group))
            .OrderBy(line => line.Points.Key.ObjectType is null)
            .ThenBy(line => line.Label, StringComparer.Ordinal)
            .ThenBy(line => line.Points.Key.ObjectType, StringComparer.Ordinal)
            .ThenBy(line => line.Points.Key.JobType, StringComparer.Ordinal);
        foreach (var (label, group) in series)
        {
            // Periods with no processed row have no rate: they are left out, not drawn as 0.
            var rated = group
                .Where(point => point.FailureRate is not null)
                .OrderBy(point => point.Period, StringComparer.Ordinal)
                .ToList();
            if (rated.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(rated.Select(point => Day(point.Period).ToOADate()).ToArray(), rated.Select(point => point.FailureRate!.Value).ToArray());
            line.LegendText = label;
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

    private static string Label(string objectType, string jobType) =>
        $"{(objectType.Length == 0 ? "(none)" : objectType)} × {(jobType.Length == 0 ? "(none)" : jobType)}";

    private static DateTime Day(string period) => DateTime.ParseExact(period, TextFormats.Day, CultureInfo.InvariantCulture);
}
