using System.Net;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Extract;

/// <summary>Seconds from Zuora's headers are a server's numbers: beyond a day they are a day, unreadable ones are ignored.</summary>
public sealed class HeaderSecondsTests
{
    private const string JobA = "3a3e85c4-96e7-486b-ae02-827120104301";

    [Theory]
    [InlineData("999999999999")]
    [InlineData("99999999999999999999999999")]
    [InlineData("86401")]
    public async Task GetSummaryAsync_AResetBeyondADay_StopsTheNightAsASpentQuotaResettingWithinADay(string reset)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
        {
            var response = StubHttpHandler.Json(HttpStatusCode.TooManyRequests, """{"code":"REQUEST_EXCEEDED_LIMIT","message":"quota"}""");
            response.Headers.Add("ratelimit-remaining", "0");
            response.Headers.Add("ratelimit-reset", reset);
            response.Headers.TryAddWithoutValidation("Retry-After", reset);
            return response;
        }));

        var error = await Assert.ThrowsAsync<ZuoraQuotaExhaustedException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.InRange(error.ResetsAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromDays(1));
        Assert.Single(harness.Handler.Calls);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("12abc")]
    [InlineData("1e9")]
    public async Task GetSummaryAsync_AnUnreadableReset_IsIgnoredAndTheCallRetried(string reset)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) =>
        {
            if (index > 0)
            {
                return StubHttpHandler.Json(HttpStatusCode.OK, ZuoraClientTests.Summary(JobA));
            }

            var response = StubHttpHandler.Json(HttpStatusCode.TooManyRequests, "{}");
            response.Headers.Add("ratelimit-remaining", "0");
            response.Headers.TryAddWithoutValidation("ratelimit-reset", reset);
            return response;
        }));

        var fetch = await harness.Client.GetSummaryAsync(JobA, CancellationToken.None);

        Assert.NotNull(fetch.Summary);
        Assert.Equal(2, harness.Handler.Calls.Count);
    }
}
