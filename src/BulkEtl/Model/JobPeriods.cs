using System.Globalization;

namespace BulkEtl.Model;

/// <summary>
/// The periods a report groups a job by, from its createdAt in UTC: the day (<c>yyyy-MM-dd</c>), the Monday of its ISO
/// week (<c>yyyy-MM-dd</c>) and the month (<c>yyyy-MM</c>). Computed here, once, when a job or a state is written and
/// stored with it, so SQL only filters and groups, and no query depends on an engine's date functions.
/// </summary>
public sealed record JobPeriods(string Day, string Week, string Month)
{
    public const string MonthFormat = "yyyy-MM";

    /// <summary>The periods of a job created at <paramref name="createdAt"/>; null when Zuora sent no createdAt.</summary>
    public static JobPeriods? Of(DateTimeOffset? createdAt)
    {
        if (createdAt is not { } instant)
        {
            return null;
        }

        var day = DateOnly.FromDateTime(instant.UtcDateTime);
        // ISO weeks start on Monday; DayOfWeek counts from Sunday = 0.
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new JobPeriods(
            day.ToString(TextFormats.Day, CultureInfo.InvariantCulture),
            monday.ToString(TextFormats.Day, CultureInfo.InvariantCulture),
            day.ToString(MonthFormat, CultureInfo.InvariantCulture));
    }
}
