using System.Globalization;

namespace BulkEtl.Store;

/// <summary>
/// The store's text form of an instant: whole seconds, UTC, ISO-8601 with a <c>Z</c>, which SQLite's date functions
/// read and which sorts as text in time order. The one place this format is written: every column, parameter and
/// manifest value holding a store instant goes through here.
/// </summary>
internal static class StoreTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string ToText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateTimeOffset? instant) => instant is { } value ? ToText(value) : null;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
