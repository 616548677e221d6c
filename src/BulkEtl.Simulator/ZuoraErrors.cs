using System.Text.Json;
using Microsoft.AspNetCore.Http;

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

    public static async Task WriteAsync(HttpContext context, int statusCode, int category, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Body(category, message), context.RequestAborted);
    }

    public static byte[] Body(int category, string message) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        success = false,
        processId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
        reasons = new[] { new { code = 50000000 + category, message } },
    });
}
