using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// Zuora's error shape <c>{"success":false,"reasons":[{"code":..,"message":..}]}</c>, or a gateway's
/// <c>{"message":..}</c>. Bulk Data paths may or may not use it, so it is read when present and never required. The
/// reason comes back clipped and stripped of control characters: it is the server's text, on its way to a terminal.
/// </summary>
internal static class ZuoraErrorBody
{
    /// <summary>
    /// Whether an answer already parsed says <c>"success": false</c>: HTTP 200 can still carry it, and Zuora uses it for
    /// passing faults. Judged on the caller's document, so a body is never parsed twice for it.
    /// </summary>
    public static bool SaysNotSuccess(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False;

    /// <param name="secrets">Masked before the reason is clipped: a server may echo what it was sent.</param>
    public static string? Describe(ReadOnlyMemory<byte> body, SecretMask secrets)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
            {
                var parts = reasons.EnumerateArray()
                    .Where(reason => reason.ValueKind == JsonValueKind.Object)
                    .Select(reason => (
                        Code: reason.TryGetProperty("code", out var code) ? code.GetRawText().Trim('"') : null,
                        Message: reason.TryGetProperty("message", out var message) ? message.ToString() : null))
                    .Where(reason => reason.Message is not null)
                    .Take(5)
                    .Select(reason => reason.Code is null ? reason.Message : $"{reason.Message} (code {reason.Code})")
                    .ToList();
                return parts.Count > 0 ? SafeText.Clip(secrets.Apply(string.Join("; ", parts))) : null;
            }

            return root.TryGetProperty("message", out var single) ? SafeText.Clip(secrets.Apply(single.ToString())) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
