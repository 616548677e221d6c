namespace BulkEtl.Simulator;

/// <summary>The request headers the simulator reads: Zuora's, Accept-Encoding and the bearer token.</summary>
internal static class RequestHeaders
{
    public static string? Get(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    public static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(value => value?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Zuora-Track-Id: at most 64 printable US-ASCII characters, none of <c>: ; " '</c>.</summary>
    public static bool IsValidTrackId(string value) =>
        value.Length <= 64 && value.All(c => c is >= ' ' and <= '~' and not (':' or ';' or '"' or '\''));

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
