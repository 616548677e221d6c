using System.Globalization;
using BulkEtl.Model;

namespace BulkEtl.Report.Digest;

/// <summary>Applies <see cref="AnomalyRule"/> to every group on every day of a window, from the daily view's rows.</summary>
internal static class AnomalyDetector
{
    /// <param name="daily">The groups' days from <paramref name="from"/> − <see cref="AnomalyRule.PriorDays"/> to
    /// <paramref name="to"/> (earlier or later rows are ignored).</param>
    /// <returns>The flagged group-days, ordered by day, then objectType and jobType (ordinal).</returns>
    public static IReadOnlyList<Anomaly> Detect(IEnumerable<DailyGroupRate> daily, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(daily);
        var flagged = new List<Anomaly>();
        foreach (var group in daily.GroupBy(row => (row.ObjectType, row.JobType)))
        {
            var byDay = group.ToDictionary(row => Day(row.Day));
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                if (!byDay.TryGetValue(day, out var today) || today.RowsProcessed < AnomalyRule.MinimumRows || today.FailureRate is null)
                {
                    continue;
                }

                var prior = new List<double>(AnomalyRule.PriorDays);
                for (var back = 1; back <= AnomalyRule.PriorDays; back++)
                {
                    if (byDay.TryGetValue(day.AddDays(-back), out var earlier) && earlier.FailureRate is { } rate)
                    {
                        prior.Add(rate);
                    }
                }

                var band = AnomalyRule.Band(prior);
                if (AnomalyRule.IsFlagged(today.FailureRate, today.RowsProcessed, band))
                {
                    flagged.Add(new Anomaly(group.Key.ObjectType, group.Key.JobType, today.Day, today.FailureRate.Value, band!.Low, band.High,
                        today.RowsProcessed) { Median = band.Median, PriorDays = band.PriorDays });
                }
            }
        }

        return flagged
            .OrderBy(anomaly => anomaly.Day, StringComparer.Ordinal)
            .ThenBy(anomaly => anomaly.ObjectType, StringComparer.Ordinal)
            .ThenBy(anomaly => anomaly.JobType, StringComparer.Ordinal)
            .ToList();
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, TextFormats.Day, CultureInfo.InvariantCulture);
}
