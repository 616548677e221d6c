namespace BulkEtl.Report.Digest;

/// <summary>
/// The one anomaly rule (README, "The morning digest"): a group's failure rate on a UTC day is flagged when it lies
/// above the median of the group's daily rates over the previous <see cref="PriorDays"/> days plus
/// max(<see cref="MadFactor"/> × their median absolute deviation, <see cref="MinimumWidth"/>), provided at least
/// <see cref="MinimumPriorDays"/> of those days had a rate and the day itself processed at least
/// <see cref="MinimumRows"/> rows. Only rises are flagged: a group failing less than usual needs nobody at 8 a.m.
/// The band's low edge (the same width below, not under 0) is shown for context.
/// </summary>
internal static class AnomalyRule
{
    public const int PriorDays = 28;

    public const int MinimumPriorDays = 5;

    public const long MinimumRows = 1_000;

    public const double MadFactor = 3;

    /// <summary>The band is never narrower than this on either side: a group that always fails 2 % is not unusual at 3 %.</summary>
    public const double MinimumWidth = 0.05;

    /// <summary>The band from the rates of the previous days that had one; null with fewer than <see cref="MinimumPriorDays"/>.</summary>
    public static AnomalyBand? Band(IReadOnlyCollection<double> priorRates)
    {
        ArgumentNullException.ThrowIfNull(priorRates);
        if (priorRates.Count < MinimumPriorDays)
        {
            return null;
        }

        var median = Median(priorRates);
        var mad = Median(priorRates.Select(rate => Math.Abs(rate - median)).ToList());
        var width = Math.Max(MadFactor * mad, MinimumWidth);
        return new AnomalyBand(Round(median), Round(Math.Max(0, median - width)), Round(Math.Min(1, median + width)), priorRates.Count);
    }

    /// <summary>Whether a day with <paramref name="rate"/> over <paramref name="rowsProcessed"/> rows leaves <paramref name="band"/>.</summary>
    public static bool IsFlagged(double? rate, long rowsProcessed, AnomalyBand? band) =>
        band is not null && rate is { } value && rowsProcessed >= MinimumRows && value > band.High;

    private static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
