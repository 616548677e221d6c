using System.Globalization;

namespace BulkEtl.Cli.Commands;

/// <summary>Turns --from/--to into a validated window of UTC days.</summary>
internal static class ReportWindow
{
    public const int DefaultDays = 30;

    public static (DateOnly From, DateOnly To) Resolve(string? from, string? to, TimeProvider timeProvider)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var last = to is null ? today : Parse(to, "--to");
        var first = from is null ? last.AddDays(-(DefaultDays - 1)) : Parse(from, "--from");
        if (first > last)
        {
            throw new UsageException($"--from {first:yyyy-MM-dd} is after --to {last:yyyy-MM-dd}");
        }

        return (first, last);
    }

    private static DateOnly Parse(string value, string flag) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"{flag} '{value}' is not a date in the form yyyy-MM-dd");
}
