using System.Net;
using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// Client-credentials tokens from <c>POST /oauth/token</c>, cached until shortly before they expire and fetched by
/// one caller at a time, so a hundred parallel fetches do not ask for a hundred tokens.
/// </summary>
public sealed class OAuthTokenSource(ZuoraTransport transport, string clientId, string clientSecret, TimeProvider timeProvider)
    : IAccessTokenSource, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _cached;

    public bool CanRenew => true;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && cached.RenewAt > timeProvider.GetUtcNow())
        {
            return cached.Value;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } fresh && fresh.RenewAt > timeProvider.GetUtcNow())
            {
                return fresh.Value;
            }

            var renewing = _cached is not null;
            _cached = await RequestTokenAsync(cancellationToken);
            if (renewing)
            {
                transport.Metrics.CountTokenRenewal();
            }

            return _cached.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Invalidate(string rejectedToken)
    {
        // Only the token that was refused: another caller may already have replaced it.
        if (_cached is { } cached && cached.Value == rejectedToken)
        {
            _cached = cached with { RenewAt = DateTimeOffset.MinValue };
        }
    }

    public void Dispose() => _refresh.Dispose();

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
            return await transport.SendOnceAsync(request, attemptToken);
        }, cancellationToken);

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ZuoraAuthenticationException(
                $"Zuora refused the client credentials (HTTP {(int)response.StatusCode} from POST /oauth/token): check the client id and secret",
                response.StatusCode, response.RequestId);
        }

        if (!response.IsSuccess)
        {
            throw new ZuoraApiException($"POST /oauth/token answered HTTP {(int)response.StatusCode}", response.StatusCode, response.RequestId);
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

            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromHours(1);
            // A short-lived token must still be used: renew a quarter of its life early at most.
            var margin = TimeSpan.FromTicks(Math.Min(transport.Options.Resilience.TokenRenewalMargin.Ticks, lifetime.Ticks / 4));
            return new CachedToken(token, issuedAt + lifetime - margin);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ZuoraApiException("POST /oauth/token answered a body that is not a token", response.StatusCode, response.RequestId, exception);
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt);
}
