using System.Text;
using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// Reads an error answer in any of the shapes Zuora is known to send: the v1 envelope
/// <c>{"success":false,"processId":..,"reasons":[{"code":..,"message":..}]}</c>, <c>{"code":..,"message":..}</c> (seen on
/// concurrency 429s) and <c>{"error":{"code":..,"message":..}}</c>. Bulk Data paths may use any of them, so none is
/// required; any other body keeps its first characters, cleaned. Every text comes back clipped and stripped of control
/// characters: it is the server's, on its way to a terminal, a log and the ledger.
/// </summary>
internal static class ZuoraErrorBody
{
    /// <summary>How many of an envelope's reasons are quoted.</summary>
    private const int MaxReasons = 5;

    /// <summary>
    /// Whether an answer already parsed says <c>"success": false</c>: HTTP 200 can still carry it, and Zuora uses it for
    /// passing faults. Judged on the caller's document, so a body is never parsed twice for it.
    /// </summary>
    public static bool SaysNotSuccess(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False;

    /// <summary>The error the body describes; null for an empty body.</summary>
    /// <param name="secrets">Masked before any text is clipped: a server may echo what it was sent.</param>
    public static ZuoraError? Read(ReadOnlyMemory<byte> body, SecretMask secrets)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (FromShape(document.RootElement, secrets) is { } error)
            {
                return error;
            }
        }
        catch (JsonException)
        {
            // Not JSON (HTML, a proxy's text, cut off): its first characters below.
        }

        // Decoding more than the clip needs would only cost memory: four bytes a character at most.
        var head = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, SafeText.MaxReasonLength * 4)]);
        return new ZuoraError(false, SafeText.Clip(secrets.Apply(head)) is { Length: > 0 } text ? text : null, [], null);
    }

    /// <summary>The error's text with the ids support asks for: <c>message (code ..; processId ..; Zuora-Request-Id ..)</c>.</summary>
    public static string? Describe(ReadOnlyMemory<byte> body, SecretMask secrets, string? requestId = null) => Describe(Read(body, secrets), requestId);

    public static string? Describe(ZuoraError? error, string? requestId)
    {
        var ids = new List<string>(2);
        if (error?.ProcessId is { } processId)
        {
            ids.Add($"processId {processId}");
        }

        if (requestId is not null)
        {
            ids.Add($"Zuora-Request-Id {requestId}");
        }

        var text = error?.Text;
        return ids.Count == 0 ? text : $"{text ?? "no reason given"} [{string.Join("; ", ids)}]";
    }

    private static ZuoraError? FromShape(JsonElement root, SecretMask secrets)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
        {
            var read = reasons.EnumerateArray()
                .Where(reason => reason.ValueKind == JsonValueKind.Object)
                .Take(MaxReasons)
                .Select(reason => (Code: Code(reason, secrets), Message: Text(reason, "message", secrets)))
                .ToList();
            var messages = read.Where(reason => reason.Message is not null).Select(reason => reason.Message!).ToList();
            return new ZuoraError(true, messages.Count > 0 ? SafeText.Clip(string.Join("; ", messages)) : null,
                [.. read.Where(reason => reason.Code is not null).Select(reason => reason.Code!)], Id(root, "processId", secrets));
        }

        if (root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object
            && (nested.TryGetProperty("code", out _) || nested.TryGetProperty("message", out _)))
        {
            return Single(nested, Id(root, "processId", secrets) ?? Id(nested, "processId", secrets), secrets);
        }

        // {"code":..,"message":..}; a lone {"message":..} is what gateways send, not Zuora: kept as text, not as Zuora's shape.
        if (root.TryGetProperty("code", out _))
        {
            return Single(root, Id(root, "processId", secrets), secrets);
        }

        return root.TryGetProperty("message", out _) ? new ZuoraError(false, Text(root, "message", secrets), [], null) : null;
    }

    private static ZuoraError Single(JsonElement element, string? processId, SecretMask secrets) =>
        new(true, Text(element, "message", secrets), Code(element, secrets) is { } code ? [code] : [], processId);

    /// <summary>A code sent as a number or a string, clipped; null when absent or unreadable.</summary>
    private static string? Code(JsonElement element, SecretMask secrets) =>
        element.TryGetProperty("code", out var code) && code.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? SafeText.Clip(secrets.Apply(code.ValueKind == JsonValueKind.String ? Readable(code) : JsonText.Lenient(code)), 40) is { Length: > 0 } text ? text : null
            : null;

    private static string? Id(JsonElement element, string name, SecretMask secrets) =>
        element.TryGetProperty(name, out var id) && id.ValueKind == JsonValueKind.String && SafeText.Clip(secrets.Apply(Readable(id)), 80) is { Length: > 0 } text
            ? text
            : null;

    /// <summary>A message, whatever its JSON kind (a gateway may send a number or an object); clipped.</summary>
    private static string? Text(JsonElement element, string name, SecretMask secrets) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? SafeText.Clip(secrets.Apply(value.ValueKind == JsonValueKind.String ? Readable(value) : JsonText.Lenient(value)))
            : null;

    /// <summary>
    /// An error's text is only ever shown: a lone surrogate escape or invalid UTF-8 in it must not cost the error its
    /// reason, so such a string is shown as sent (its JSON text) instead of being decoded.
    /// </summary>
    private static string Readable(JsonElement value)
    {
        try
        {
            return JsonText.String(value, "error text");
        }
        catch (FormatException)
        {
            return JsonText.Lenient(value).Trim('"');
        }
    }
}
