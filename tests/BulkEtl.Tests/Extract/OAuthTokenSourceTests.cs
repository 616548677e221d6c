using System.Net;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Extract;

/// <summary>Token caching, shared renewal, lifetimes and refusals of <see cref="OAuthTokenSource"/>, on a fake clock.</summary>
public sealed class OAuthTokenSourceTests
{
    private const string JobA = "3a3e85c4-96e7-486b-ae02-827120104301";

    [Fact]
    public async Task GetTokenAsync_ManyCallersAtOnce_ShareOneTokenRequest()
    {
        var gate = new ManualResetEventSlim();
        using var harness = Harness((request, _) =>
        {
            gate.Wait(TimeSpan.FromSeconds(5));
            return Token("t1", "3599");
        }, out var tokens);

        var waiting = Enumerable.Range(0, 20).Select(_ => tokens.GetTokenAsync(CancellationToken.None).AsTask()).ToList();
        gate.Set();
        var issued = await Task.WhenAll(waiting);

        Assert.All(issued, token => Assert.Equal("t1", token.Value));
        Assert.Single(harness.Handler.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_RenewalThatFails_IsSharedByEveryWaiterNotRetriedByEach()
    {
        var gate = new ManualResetEventSlim();
        using var harness = Harness((_, _) =>
        {
            gate.Wait(TimeSpan.FromSeconds(5));
            return StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable, "{}");
        }, out var tokens);

        var waiting = Enumerable.Range(0, 10).Select(_ => tokens.GetTokenAsync(CancellationToken.None).AsTask()).ToList();
        gate.Set();
        foreach (var waiter in waiting)
        {
            await Assert.ThrowsAsync<TransientZuoraException>(() => waiter);
        }

        // One renewal's attempts (1 + 3 retries), not ten renewals' worth.
        Assert.Equal(4, harness.Handler.Calls.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("\"abc\"")]
    public async Task GetTokenAsync_LifetimeZeroNegativeOrNotANumber_IsStillKeptForAWhile(string expiresIn)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var issued = 0;
        using var harness = Harness((_, _) => Token($"t{++issued}", expiresIn), out var tokens, time);

        var first = await tokens.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(3));
        var second = await tokens.GetTokenAsync(CancellationToken.None);

        // Kept at least 5 s (renewed a quarter early), so a call does not cost a token request each.
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(1, issued);
    }

    [Fact]
    public async Task GetTokenAsync_LifetimeAsAString_IsHonoured()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var issued = 0;
        using var harness = Harness((_, _) => Token($"t{++issued}", "\"600\""), out var tokens, time);

        var first = await tokens.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(400));
        var second = await tokens.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(100));
        var third = await tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first.ExpiresAt, time.Start + TimeSpan.FromSeconds(600));
        Assert.Equal("t1", second.Value);
        // 600 s with a margin of a quarter (150 s): renewed at 450 s.
        Assert.Equal("t2", third.Value);
    }

    [Fact]
    public async Task GetTokenAsync_TokenEndpointAnswers404_IsAConfigurationErrorNamingTheBaseUrl()
    {
        using var harness = Harness((_, _) => StubHttpHandler.Json(HttpStatusCode.NotFound, """{"message":"Not Found"}"""), out var tokens);

        var error = await Assert.ThrowsAsync<ZuoraConfigurationException>(() => tokens.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.IsNotType<ZuoraAuthenticationException>(error);
        Assert.Contains(ClientHarness.BaseUrl.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_TokenEndpointRedirects_IsAConfigurationErrorAndSendsTheSecretNowhereElse()
    {
        using var harness = Harness((_, _) =>
            new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("https://collector.example/token") } }, out var tokens);

        var error = await Assert.ThrowsAsync<ZuoraConfigurationException>(() => tokens.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Contains("307", error.Message, StringComparison.Ordinal);
        Assert.Contains("collector.example", error.Message, StringComparison.Ordinal);
        Assert.All(harness.Handler.Calls, call => Assert.Equal(ClientHarness.BaseUrl.Host, call.Uri.Host));
    }

    [Fact]
    public async Task GetSummaryAsync_RenewedTokenRefusedWithinItsLifetime_IsFatal()
    {
        var issued = 0;
        using var harness = Harness((request, _) => request.RequestUri!.AbsolutePath == "/oauth/token"
            ? Token($"t{++issued}", "3599")
            : StubHttpHandler.Json(HttpStatusCode.Unauthorized, "{}"), out _);

        var error = await Assert.ThrowsAsync<ZuoraAuthenticationException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Contains("within its lifetime", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, issued);
    }

    [Fact]
    public async Task GetSummaryAsync_TokenThatExpiredOnItsWay_IsRenewedAgainNotFatal()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var issued = 0;
        using var harness = Harness((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/token")
            {
                return Token($"t{++issued}", "30");
            }

            if (request.Headers.Authorization!.Parameter == "t3")
            {
                return StubHttpHandler.Json(HttpStatusCode.OK, ZuoraClientTests.Summary(JobA));
            }

            // A slow gateway: the answer comes after the token's lifetime (kept within one attempt's 130 s timeout).
            time.Advance(TimeSpan.FromSeconds(35));
            return StubHttpHandler.Json(HttpStatusCode.Unauthorized, "{}");
        }, out _, time);

        var fetch = await harness.Client.GetSummaryAsync(JobA, CancellationToken.None);

        Assert.Equal(JobA, fetch.Summary!.Id);
        Assert.Equal(3, issued);
    }

    [Fact]
    public async Task GetSummaryAsync_TokenIsTakenInsideTheSlot_SoItNeverAgesInTheQueue()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var issued = 0;
        var release = new SemaphoreSlim(0);
        using var harness = Harness((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/token")
            {
                return Token($"t{++issued}", "60");
            }

            if (request.Headers.Authorization!.Parameter == "t1")
            {
                // The first call holds the only slot while time passes beyond t1's renewal point.
                release.Wait(TimeSpan.FromSeconds(5));
                time.Advance(TimeSpan.FromSeconds(70));
            }

            return StubHttpHandler.Json(HttpStatusCode.OK, ZuoraClientTests.Summary(JobA));
        }, out _, time, maxConcurrency: 1);

        var first = Task.Run(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));
        await Eventually.WaitUntilAsync(() => harness.Handler.Calls.Count(call => call.Uri.AbsolutePath != "/oauth/token") == 1, "the first call is sent", TimeSpan.FromSeconds(10));
        var second = Task.Run(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));
        release.Release();
        await Task.WhenAll(first, second);

        var data = harness.Handler.Calls.Where(call => call.Uri.AbsolutePath != "/oauth/token").Select(call => call.Authorization).ToList();
        Assert.Equal(["Bearer t1", "Bearer t2"], data);
    }

    private static ClientHarness Harness(Func<HttpRequestMessage, int, HttpResponseMessage> answer, out IAccessTokenSource tokens,
        TimeProvider? time = null, int maxConcurrency = 4)
    {
        var harness = new ClientHarness(new StubHttpHandler(answer), oauth: true, timeProvider: time, maxConcurrency: maxConcurrency,
            resilience: new ZuoraResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2), MaxRetryAttempts = 3 });
        tokens = harness.Tokens;
        Assert.IsType<OAuthTokenSource>(tokens);
        return harness;
    }

    private static HttpResponseMessage Token(string value, string expiresIn) =>
        StubHttpHandler.Json(HttpStatusCode.OK, $$"""{"access_token":"{{value}}","token_type":"bearer","expires_in":{{expiresIn}}}""");
}
