using System.Globalization;
using System.Net;
using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// Client-credentials tokens from <c>POST /oauth/token</c>, cached until shortly before they expire. One renewal runs at
/// a time and every caller waiting for it shares its outcome, token or failure, so a hundred parallel fetches neither
/// ask for a hundred tokens nor retry a refused renewal a hundred times.
/// </summary>
internal sealed class OAuthTokenSource(ZuoraTransport transport, string clientId, string clientSecret, TimeProvider timeProvider)
    : IAccessTokenSource, IDisposable
{
    /// <summary>
    /// A token is kept at least this long whatever its stated lifetime (0, negative): asking for a new token before every
    /// call would hammer an endpoint that is rate-limited per IP. Whether a refusal is fatal still follows the stated one.
    /// </summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromSeconds(5);

    /// <summary>Zuora's tokens live about an hour; a stated lifetime above this is taken as this.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(1);

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _renewal;

    public bool CanRenew => true;

    public async ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> renewal;
        lock (_gate)
        {
            if (_cached is { } cached && cached.RenewAt > timeProvider.GetUtcNow())
            {
                return cached.Token;
            }

            // Started outside the lock and outside any caller's cancellation: a caller that gives up stops waiting, not the renewal.
            renewal = _renewal ??= Task.Run(RenewAsync, CancellationToken.None);
        }

        return (await renewal.WaitAsync(cancellationToken)).Token;
    }

    public void Invalidate(AccessToken rejected)
    {
        lock (_gate)
        {
            // Only the token that was refused: another caller may already have replaced it.
            if (_cached is { } cached && cached.Token.Value == rejected.Value)
            {
                _cached = cached with { RenewAt = DateTimeOffset.MinValue };
            }
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task<CachedToken> RenewAsync()
    {
        try
        {
            var fresh = await RequestTokenAsync(_disposed.Token);
            lock (_gate)
            {
                _cached = fresh;
            }

            return fresh;
        }
        finally
        {
            lock (_gate)
            {
                _renewal = null;
            }
        }
    }

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var response = await transport.ExecuteAsync(async attemptToken =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["client_id"] = clientId,
                    ["client_secret"] = clientSecret,
                    ["grant_type"] = "client_credentials",
                }),
            };
            try
            {
                return await transport.SendOnceAsync(request, attemptToken);
            }
            catch (ZuoraRedirectException redirect)
            {
                // A redirecting token endpoint is the base URL's fault, and the secret goes nowhere else.
                throw redirect.AsConfigurationError();
            }
        }, cancellationToken);

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ZuoraAuthenticationException(
                $"Zuora refused the client credentials (HTTP {(int)response.StatusCode} from POST /oauth/token): check the client id and secret",
                response.StatusCode, response.RequestId);
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ZuoraConfigurationException(
                $"{transport.Options.BaseUrl} has no OAuth token endpoint (HTTP 404 from POST /oauth/token): the base URL is wrong; "
                + "give the tenant's REST base URL with no path (e.g. https://rest.test.zuora.com, no /v1); nothing was changed",
                response.StatusCode, response.RequestId);
        }

        if (!response.IsSuccess)
        {
            throw new ZuoraApiException(
                $"POST /oauth/token answered HTTP {(int)response.StatusCode}{(response.Reason is { } reason ? $": {reason}" : "")}",
                response.StatusCode, response.RequestId);
        }

        var issuedAt = timeProvider.GetUtcNow();
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            var token = root.GetProperty("access_token").GetString();
            if (string.IsNullOrEmpty(token))
            {
                throw new ZuoraApiException("POST /oauth/token answered without an access_token");
            }

            var stated = StatedLifetime(root);
            var kept = stated < MinimumLifetime ? MinimumLifetime : stated;
            // A short-lived token must still be used: renew a quarter of its life early at most.
            var margin = TimeSpan.FromTicks(Math.Min(transport.Options.Resilience.TokenRenewalMargin.Ticks, kept.Ticks / 4));
            return new CachedToken(new AccessToken(token, issuedAt + stated), issuedAt + kept - margin);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ZuoraApiException("POST /oauth/token answered a body that is not a token", response.StatusCode, response.RequestId, exception);
        }
    }

    /// <summary><c>expires_in</c> in seconds, as a number or a numeric string, within 0 .. a day; an hour when absent or not a number.</summary>
    private static TimeSpan StatedLifetime(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var expires))
        {
            return DefaultLifetime;
        }

        double? seconds = expires.ValueKind switch
        {
            JsonValueKind.Number => expires.GetDouble(),
            JsonValueKind.String when double.TryParse(expires.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (seconds is not { } stated || !double.IsFinite(stated))
        {
            return DefaultLifetime;
        }

        return TimeSpan.FromSeconds(Math.Clamp(stated, 0, MaximumLifetime.TotalSeconds));
    }

    private sealed record CachedToken(AccessToken Token, DateTimeOffset RenewAt);
}
