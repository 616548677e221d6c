using System.Globalization;

namespace BulkEtl.Simulator;

/// <summary>
/// A failure rate forced on one (objectType, jobType) group for one UTC day, so a test knows which group-days are
/// unusual: every job of the group created that day fails <see cref="Rate"/> of the rows it processed.
/// </summary>
public sealed record PlantedAnomaly(string ObjectType, string JobType, DateOnly Day, double Rate)
{
    /// <summary>
    /// Reads <c>objectType:jobType:day:rate</c>: day as yyyy-MM-dd, or as 0, -1, -2... counted back from
    /// <paramref name="lastDay"/> (the tenant's last day); rate a share between 0 and 1.
    /// </summary>
    /// <exception cref="FormatException">The text is not of that form; the message says which part.</exception>
    public static PlantedAnomaly Parse(string text, DateOnly lastDay)
    {
        ArgumentNullException.ThrowIfNull(text);
        // From the right: a rate and a day never hold ':', so an object type with one still reads whole.
        var parts = text.Split(':');
        if (parts.Length < 4)
        {
            throw new FormatException($"'{text}' is not objectType:jobType:day:rate (e.g. contact:Update:-1:0.41)");
        }

        var rateText = parts[^1];
        var dayText = parts[^2];
        var jobType = parts[^3];
        var objectType = string.Join(':', parts[..^3]);
        if (objectType.Length == 0 || jobType.Length == 0)
        {
            throw new FormatException($"'{text}' names no object type or no job type");
        }

        DateOnly day;
        if (int.TryParse(dayText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var back) && back <= 0 && back > -36_500)
        {
            day = lastDay.AddDays(back);
        }
        else if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            throw new FormatException($"'{dayText}' in '{text}' is not a day: yyyy-MM-dd, or 0, -1, -2... days before the last day");
        }

        if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate is >= 0 and <= 1))
        {
            throw new FormatException($"'{rateText}' in '{text}' is not a failure rate between 0 and 1");
        }

        return new PlantedAnomaly(objectType, jobType, day, rate);
    }
}
