using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using BulkEtl.Extract;

namespace BulkEtl.Report.Digest;

/// <summary>
/// Text and numbers as the digest page writes them. Text from outside (object types, job types, reasons and ids come
/// from Zuora) loses control and format characters (bidi overrides, zero-width marks, ANSI escapes) and is capped,
/// then HTML-encoded: a hostile name can neither add markup nor reorder what an operator reads.
/// </summary>
internal static class DigestText
{
    private const int MaxLength = 200;

    // Every script stays readable (é, 日本語); only what HTML gives a meaning to, and what is unsafe, is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Outside text, cleaned and encoded for an element or a quoted attribute.</summary>
    public static string Encode(string? text) => Encoder.Encode(SafeText.Clip(text ?? ""));

    /// <summary>Outside text capped at <paramref name="maxLength"/>.</summary>
    public static string Encode(string? text, int maxLength) => Encoder.Encode(SafeText.Clip(text ?? "", Math.Min(maxLength, MaxLength)));

    /// <summary>A group's name: "(none)" for a missing type, as the chart says it.</summary>
    public static string Group(string objectType, string jobType) =>
        $"{Encode(objectType.Length == 0 ? "(none)" : objectType, 80)} × {Encode(jobType.Length == 0 ? "(none)" : jobType, 80)}";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A 4-decimal rate as a percentage with 2 decimals: the CSV's 0.0483 reads 4.83 %, digit for digit.</summary>
    public static string Percent(double? rate) => rate is { } value
        ? ((decimal)value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %"
        : "–";

    /// <summary>A rate in a sentence: no trailing zeros (41 %, 4.8 %).</summary>
    public static string ShortPercent(double rate) => ((decimal)rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
