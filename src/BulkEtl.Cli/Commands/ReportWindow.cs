using System.Globalization;
using BulkEtl.Model;

namespace BulkEtl.Cli.Commands;

/// <summary>Turns --from/--to into a validated window of UTC days.</summary>
internal static class ReportWindow
{
    public const int DefaultDays = 30;

    /// <summary>
    /// The days a window may name. A report reads up to the midnight after --to, so 9999-12-31 would overflow
    /// mid-report instead of being refused up front; the trend chart plots OLE Automation dates, which start in the
    /// year 100. No bulk job predates 1900, so that is the first day.
    /// </summary>
    public static readonly DateOnly FirstAllowed = new(1900, 1, 1);

    public static readonly DateOnly LastAllowed = new(9998, 12, 31);

    public static (DateOnly From, DateOnly To) Resolve(string? from, string? to, TimeProvider timeProvider)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var last = to is null ? today : Parse(to, "--to");
        var first = from is null ? DefaultFrom(last) : Parse(from, "--from");
        if (first > last)
        {
            throw new UsageException($"--from {first.ToString(TextFormats.Day, CultureInfo.InvariantCulture)} is after --to {last.ToString(TextFormats.Day, CultureInfo.InvariantCulture)}");
        }

        return (first, last);
    }

    /// <exception cref="UsageException">The instant falls outside <see cref="FirstAllowed"/>..<see cref="LastAllowed"/>.</exception>
    public static DateTimeOffset EnsureAllowed(DateTimeOffset instant, string flag, string value) =>
        IsAllowed(DateOnly.FromDateTime(instant.UtcDateTime))
            ? instant
            : throw new UsageException(OutOfRange(flag, value));

    private static DateOnly DefaultFrom(DateOnly last) =>
        last.DayNumber - FirstAllowed.DayNumber >= DefaultDays - 1 ? last.AddDays(-(DefaultDays - 1)) : FirstAllowed;

    private static DateOnly Parse(string value, string flag) =>
        !DateOnly.TryParseExact(value, TextFormats.Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? throw new UsageException($"{flag} '{value}' is not a date in the form {TextFormats.Day}")
            : IsAllowed(day) ? day : throw new UsageException(OutOfRange(flag, value));

    private static bool IsAllowed(DateOnly day) => day >= FirstAllowed && day <= LastAllowed;

    private static string OutOfRange(string flag, string value) =>
        $"{flag} '{value}' is outside the supported range {FirstAllowed.ToString(TextFormats.Day, CultureInfo.InvariantCulture)} to {LastAllowed.ToString(TextFormats.Day, CultureInfo.InvariantCulture)}";
}
