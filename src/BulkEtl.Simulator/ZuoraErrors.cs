using System.Text;
using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary>Zuora's error body: <c>{"success":false,"processId":..,"reasons":[{"code":..,"message":..}]}</c>.</summary>
internal static class ZuoraErrors
{
    // The last two digits of a Zuora error code name its category.
    public const int Authentication = 11;
    public const int InvalidValue = 20;
    public const int NotFound = 40;
    public const int Internal = 60;
    public const int Temporary = 61;
    public const int ConcurrencyLimit = 70;

    /// <summary>What a gateway in front of the wrong path or region answers: no Zuora shape, no "No job summaries found".</summary>
    public const string GatewayNoRoute = "no Route matched with those values";

    // Control characters, an ANSI colour, CR/LF and a fake credential, repeated to about 100 KB: a reason a client must
    // never copy raw into a log line, a terminal or the store.
    private static readonly Lazy<string> HostileTail = new(() =>
    {
        const string Chunk = " \u0000\u0001\u0007\b\u000b\f\u007f \u001b[31mFATAL\u001b[0m\r\nAuthorization: Bearer x\r\n\u001b]0;owned\u0007";
        var text = new StringBuilder(100 * 1024 + Chunk.Length);
        while (text.Length < 100 * 1024)
        {
            text.Append(Chunk);
        }

        return text.ToString();
    });

    public static async Task WriteAsync(HttpContext context, int statusCode, int category, string message, FaultOptions faults)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Body(category, message, faults), context.RequestAborted);
    }

    /// <summary>An error in the dialect's shape; only the v1 envelope carries a processId, as Zuora's docs show it.</summary>
    public static byte[] Body(int category, string message, FaultOptions faults)
    {
        var text = Message(message, faults.HostileErrorReasons);
        var code = 50000000 + category;
        return faults.Dialect.Errors switch
        {
            ErrorShape.CodeAndMessage => JsonSerializer.SerializeToUtf8Bytes(new
            {
                // Zuora's concurrency 429 names its limit in words; other answers of this shape carry the numeric code.
                code = category == ConcurrencyLimit ? "REQUEST_EXCEEDED_LIMIT" : code.ToString(System.Globalization.CultureInfo.InvariantCulture),
                message = text,
            }),
            ErrorShape.NestedError => JsonSerializer.SerializeToUtf8Bytes(new { error = new { code, message = text } }),
            _ => JsonSerializer.SerializeToUtf8Bytes(new
            {
                success = false,
                processId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
                reasons = new[] { new { code, message = text } },
            }),
        };
    }

    /// <summary>The v1 envelope with a message and no code: the shape the client may read only by its words.</summary>
    public static byte[] WithoutCode(string message) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        success = false,
        processId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
        reasons = new[] { new { message } },
    });

    /// <summary>A gateway's 404: <c>{"message":"no Route matched with those values"}</c>.</summary>
    public static byte[] GatewayNotFound(bool hostile) =>
        JsonSerializer.SerializeToUtf8Bytes(new { message = Message(GatewayNoRoute, hostile) });

    private static string Message(string message, bool hostile) => hostile ? message + HostileTail.Value : message;
}
