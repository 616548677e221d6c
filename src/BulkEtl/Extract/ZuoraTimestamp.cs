using System.Globalization;
using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// Zuora shows job timestamps in three shapes: epoch seconds (API reference), epoch milliseconds
/// (seen in the wild) and ISO-8601 strings (the bulk-job guide). All map to one UTC instant.
/// </summary>
internal static class ZuoraTimestamp
{
    /// <summary>Above this an epoch number can only be milliseconds: as seconds it would be past the year 5000.</summary>
    public const long MillisecondsThreshold = 100_000_000_000;

    /// <summary>The last instant a store text (four-digit year) can hold: 9999-12-31T23:59:59Z.</summary>
    private static readonly long MaxEpochSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static DateTimeOffset? FromJson(JsonElement value, string name = "timestamp") => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var epoch) => FromEpoch(epoch),
        JsonValueKind.Number when value.GetDouble() is var number && double.IsFinite(number) && Math.Abs(number) < long.MaxValue / 2.0
            => FromEpoch((long)Math.Round(number)),
        JsonValueKind.Number => throw new FormatException($"{SafeText.Clip(JsonText.Lenient(value), 40)} is not an epoch timestamp"),
        JsonValueKind.String => FromText(JsonText.String(value, name)),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => throw new FormatException($"a timestamp must be a number or a string, not {value.ValueKind}"),
    };

    /// <summary>
    /// A bulk job cannot predate 1970 nor outlive the year 9999: a negative epoch or one past the store's range is a
    /// broken value, refused here rather than crashing the mapping or the store.
    /// </summary>
    public static DateTimeOffset FromEpoch(long epoch) => epoch switch
    {
        < 0 => throw new FormatException($"{epoch} is a negative epoch timestamp"),
        > MillisecondsThreshold when epoch / 1000 <= MaxEpochSeconds => DateTimeOffset.FromUnixTimeMilliseconds(epoch),
        <= MillisecondsThreshold => DateTimeOffset.FromUnixTimeSeconds(epoch),
        _ => throw new FormatException($"{epoch} is an epoch timestamp past the year 9999"),
    };

    public static DateTimeOffset? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return FromEpoch(epoch);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        throw new FormatException($"'{text}' is not an epoch number or an ISO-8601 timestamp");
    }
}
