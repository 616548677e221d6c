using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// Reads text out of a parsed JSON answer without letting one bad value escape as something other than a
/// <see cref="FormatException"/>. System.Text.Json parses a lone UTF-16 surrogate escape (<c>"\ud800"</c>) and invalid
/// UTF-8 inside a string without complaint, and only throws <see cref="InvalidOperationException"/> (wrapping a
/// <see cref="DecoderFallbackException"/> for UTF-8) when the string is read: every reader of Zuora's text goes through
/// here so that such a value costs its record, never the page or the night.
/// </summary>
internal static class JsonText
{
    /// <summary>The string value of <paramref name="value"/> (which must be a JSON string), or a FormatException naming <paramref name="what"/>.</summary>
    public static string String(JsonElement value, string what)
    {
        try
        {
            return value.GetString()!;
        }
        catch (Exception exception) when (exception is InvalidOperationException or DecoderFallbackException)
        {
            throw new FormatException($"'{what}' is not valid text (a lone UTF-16 surrogate escape or invalid UTF-8): {exception.Message}", exception);
        }
    }

    /// <summary>The string value of a member that is a JSON string; null when absent or of another kind.</summary>
    public static string? Member(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? String(value, name)
            : null;

    /// <summary>
    /// The element's JSON text exactly as sent, for evidence: invalid UTF-8 becomes U+FFFD instead of throwing, and
    /// escapes (a lone surrogate's included) stay the six characters Zuora wrote.
    /// </summary>
    public static string Lenient(JsonElement element) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>The element's JSON text, or a FormatException when it holds invalid UTF-8 (text that cannot be stored as sent).</summary>
    public static string Raw(JsonElement element, string what)
    {
        try
        {
            return element.GetRawText();
        }
        catch (Exception exception) when (exception is InvalidOperationException or DecoderFallbackException)
        {
            throw new FormatException($"the {what} holds invalid UTF-8: {exception.Message}", exception);
        }
    }
}
