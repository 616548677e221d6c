using BulkEtl.Extract;

namespace BulkEtl.Cli.Composition;

/// <summary>Where Zuora is and how to authenticate, validated; the settings layers decide where each part came from.</summary>
internal sealed record ZuoraConnection(Uri BaseUrl, string? Token, string? ClientId, string? ClientSecret)
{
    /// <summary>Checks one coherent set of connection settings, from whichever layer they came.</summary>
    public static ZuoraConnection Create(string url, string? token, string? clientId, string? clientSecret)
    {
        token = string.IsNullOrWhiteSpace(token) ? null : token;
        clientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId;
        clientSecret = string.IsNullOrWhiteSpace(clientSecret) ? null : clientSecret;
        if (token is not null && (clientId is not null || clientSecret is not null))
        {
            throw new UsageException("give either a token (--token, Zuora:Token) or client credentials (--client-id and --client-secret), not both");
        }

        if (token is null && (clientId is null || clientSecret is null))
        {
            throw new UsageException(clientId is null && clientSecret is null
                ? "no credentials: give --token, or --client-id and --client-secret (or Zuora:Token, or Zuora:ClientId and Zuora:ClientSecret, in the configuration file or the environment)"
                : "client credentials need both a client id and a client secret (--client-id and --client-secret, Zuora:ClientId and Zuora:ClientSecret)");
        }

        return new ZuoraConnection(ValidateBaseUrl(url), token, clientId, clientSecret);
    }

    public static Uri ValidateBaseUrl(string value)
    {
        // Messages name the host only: a URL can carry a user and password, which must never be printed.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new UsageException("the base URL is not an absolute http(s) URL such as https://rest.zuora.com");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new UsageException($"the base URL for {uri.Host} must not carry a user, password, query or fragment: give credentials with --client-id/--client-secret or --token");
        }

        if (uri.Scheme == "http" && !Loopback.Is(uri))
        {
            throw new UsageException($"the base URL http://{uri.Host} uses plain http to a host that is not this machine: the token would travel in clear; use https");
        }

        // Bulk Data paths sit directly under the base; a trailing slash makes relative paths append, not replace.
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    /// <summary>A record prints every property by default; the credentials must never reach a log or an error.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"BaseUrl = {BaseUrl}, Token = {(Token is null ? "none" : "***")}, ClientId = {ClientId ?? "none"}, ClientSecret = {(ClientSecret is null ? "none" : "***")}");
        return true;
    }

    /// <summary>The client's options for this tenant: one place that turns a validated connection into a night's settings.</summary>
    /// <param name="entityIds">Every entity a run lists in turn; calls made once (a check) go under the first.</param>
    public ZuoraOptions ToOptions(IReadOnlyList<string> entityIds, IReadOnlyList<string> orgIds, Commands.ResilienceTuning tuning, string trackId) => new()
    {
        BaseUrl = BaseUrl,
        Token = Token,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        EntityIds = entityIds,
        OrgIds = orgIds,
        TrackId = trackId,
        MaxConcurrency = tuning.MaxConcurrency,
        MaxListPages = tuning.MaxListPages,
        Resilience = tuning.Resilience,
    };
}
