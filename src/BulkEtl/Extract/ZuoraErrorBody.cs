using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// Zuora's error shape <c>{"success":false,"reasons":[{"code":..,"message":..}]}</c>. Bulk Data paths may or may not
/// use it, so it is read when present and never required.
/// </summary>
public static class ZuoraErrorBody
{
    public static string? Describe(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
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
                    .Select(reason => (
                        Code: reason.TryGetProperty("code", out var code) ? code.GetRawText().Trim('"') : null,
                        Message: reason.TryGetProperty("message", out var message) ? message.ToString() : null))
                    .Where(reason => reason.Message is not null)
                    .Select(reason => reason.Code is null ? reason.Message : $"{reason.Message} (code {reason.Code})")
                    .ToList();
                return parts.Count > 0 ? string.Join("; ", parts) : null;
            }

            return root.TryGetProperty("message", out var single) ? single.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
