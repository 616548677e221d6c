using System.Globalization;
using System.Text;
using BulkEtl.Model;
using BulkEtl.Store;
using ScottPlot;

namespace BulkEtl.Report;

/// <summary>
/// The trend at a glance, drawn by ScottPlot: failure rate over time as a heat map, one row per objectType × jobType
/// for the largest groups by rows, the rest merged as "other" (its rate from summed rows, not an average of rates).
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
    /// <remarks>
    /// A groups × periods heat map: one row per group (largest first, "other" last), one column per period of the scope,
    /// darker for a higher rate on one shared scale, blank where a period has no rate. Lines of seven groups over thirty
    /// days cross each other; rows never do.
    /// </remarks>
    public static (byte[] Png, byte[] Svg) Draw(IReadOnlyList<ChartPoint> points, ReportScope scope, TrendPeriod by)
    {
        var plot = new Plot();
        // A row is a group, (objectType, jobType); its label is only the axis text, which two groups may share
        // ("" and a literal "(none)"), so rows are told apart by the pair.
        var rows = points
            .GroupBy(point => (point.ObjectType, point.JobType))
            .Select(group => (Label: group.Key.ObjectType is null ? OtherLabel : Label(group.Key.ObjectType, group.Key.JobType ?? ""), Points: group))
            .OrderBy(row => row.Points.Key.ObjectType is null)
            .ThenBy(row => row.Label, StringComparer.Ordinal)
            .ThenBy(row => row.Points.Key.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.Points.Key.JobType, StringComparer.Ordinal)
            .ToList();
        var periods = Periods(scope, by);
        var column = periods.Select((period, index) => (period, index)).ToDictionary(pair => pair.period, pair => pair.index, StringComparer.Ordinal);
        var step = by == TrendPeriod.Week ? 7 : 1;
        if (rows.Count > 0)
        {
            // Periods with no processed row have no rate: NaN, drawn blank, not as 0.
            var rates = new double[rows.Count, periods.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < periods.Count; c++)
                {
                    rates[r, c] = double.NaN;
                }

                foreach (var point in rows[r].Points)
                {
                    if (point.FailureRate is { } rate && column.TryGetValue(point.Period, out var c))
                    {
                        rates[r, c] = rate;
                    }
                }
            }

            var heatmap = plot.Add.Heatmap(rates);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            heatmap.NaNCellColor = Colors.White;
            heatmap.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
            var first = Day(periods[0]).ToOADate();
            heatmap.Rectangle = new CoordinateRect(first - step / 2.0, Day(periods[^1]).ToOADate() + step / 2.0, -0.5, rows.Count - 0.5);
            var colorBar = plot.Add.ColorBar(heatmap);
            colorBar.Label = "Failure rate (rows failed / rows processed)";
            plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(r => (double)(rows.Count - 1 - r)).ToArray(),
                rows.Select(row => row.Label).ToArray());
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
        plot.Axes.SetLimitsX(Day(periods[0]).ToOADate() - step / 2.0, Day(periods[^1]).ToOADate() + step / 2.0);
        plot.Axes.SetLimitsY(-0.5, Math.Max(rows.Count, 1) - 0.5);
        return (plot.GetImageBytes(Width, Height, ImageFormat.Png), Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height)));
    }

    /// <summary>Every period of the scope: each day, or the Monday of each ISO week it touches.</summary>
    private static List<string> Periods(ReportScope scope, TrendPeriod by)
    {
        var first = by == TrendPeriod.Week ? scope.From.AddDays(-(((int)scope.From.DayOfWeek + 6) % 7)) : scope.From;
        var periods = new List<string>();
        for (var day = first; day <= scope.To; day = day.AddDays(by == TrendPeriod.Week ? 7 : 1))
        {
            periods.Add(day.ToString(TextFormats.Day, CultureInfo.InvariantCulture));
        }

        return periods;
    }

    private static string Label(string objectType, string jobType) =>
        $"{(objectType.Length == 0 ? "(none)" : objectType)} × {(jobType.Length == 0 ? "(none)" : jobType)}";

    private static DateTime Day(string period) => DateTime.ParseExact(period, TextFormats.Day, CultureInfo.InvariantCulture);
}
