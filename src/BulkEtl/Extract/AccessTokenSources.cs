namespace BulkEtl.Extract;

/// <summary>Which token source a tenant's options call for: a fixed bearer token, or OAuth client credentials.</summary>
internal static class AccessTokenSources
{
    public static IAccessTokenSource Create(ZuoraOptions options, ZuoraTransport transport, TimeProvider timeProvider) =>
        (options.Token, options.ClientId, options.ClientSecret) switch
        {
            ({ Length: > 0 } token, null, null) => new StaticTokenSource(token),
            (null, { Length: > 0 } clientId, { Length: > 0 } clientSecret) => new OAuthTokenSource(transport, clientId, clientSecret, timeProvider),
            _ => throw new ArgumentException("give either a bearer token or an OAuth client id and secret", nameof(options)),
        };
}
