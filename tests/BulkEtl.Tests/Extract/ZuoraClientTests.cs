using System.Net;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Extract;

/// <summary>How the client reads the list and summaries, against answers a real gateway or a broken tenant gives.</summary>
public sealed class ZuoraClientTests
{
    private const string JobA = "3a3e85c4-96e7-486b-ae02-827120104301";
    private const string GatewayNotFound = """{"message":"no Route matched with those values"}""";
    private const string NoJobSummaries = """{"success":false,"reasons":[{"code":50000040,"message":"No job summaries found"}]}""";

    [Fact]
    public async Task ListPagesAsync_GatewayNotFoundOnTheFirstPage_IsAConfigurationErrorNamingTheBaseUrl()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.NotFound, GatewayNotFound)));

        var error = await Assert.ThrowsAsync<ZuoraConfigurationException>(harness.ListAllAsync);

        Assert.Contains(ClientHarness.BaseUrl.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Fact]
    public async Task ListPagesAsync_ZuorasNoJobSummariesAnswer_IsAnEmptyTenant()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.NotFound, NoJobSummaries)));

        var pages = await harness.ListAllAsync();

        Assert.Empty(pages);
    }

    [Fact]
    public async Task ListPagesAsync_GatewayNotFoundOnALaterPage_FailsTheListingAsIncomplete()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => index == 0
            ? StubHttpHandler.Json(HttpStatusCode.OK, Page(nextCursor: "c2", Entry(JobA)))
            : StubHttpHandler.Json(HttpStatusCode.NotFound, GatewayNotFound)));

        var error = await Assert.ThrowsAsync<ZuoraApiException>(harness.ListAllAsync);

        Assert.IsNotType<ZuoraConfigurationException>(error);
        Assert.Contains("incomplete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPagesAsync_NoJobSummariesOnALaterPage_EndsTheListing()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => index == 0
            ? StubHttpHandler.Json(HttpStatusCode.OK, Page(nextCursor: "c2", Entry(JobA)))
            : StubHttpHandler.Json(HttpStatusCode.NotFound, NoJobSummaries)));

        var pages = await harness.ListAllAsync();

        Assert.Equal(JobA, Assert.Single(Assert.Single(pages).Entries).Id);
    }

    [Theory]
    [InlineData("""{"success":true,"summaries":[]}""")]
    [InlineData("""{"data":{"id":"x"}}""")]
    [InlineData("""[]""")]
    public async Task ListPagesAsync_AnswerWithoutADataArray_FailsTheListingWithoutRetrying(string body)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, body)));

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(harness.ListAllAsync);

        Assert.Contains("data", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Fact]
    public async Task ListPagesAsync_AskForAtMostFiftyAndHalveOnA400NamingTheLimit()
    {
        using var harness = new ClientHarness(new StubHttpHandler((request, _) => request.RequestUri!.Query.Contains("limit=50", StringComparison.Ordinal)
            ? StubHttpHandler.Json(HttpStatusCode.BadRequest, """{"success":false,"reasons":[{"code":50000020,"message":"limit must be between 1 and 20"}]}""")
            : StubHttpHandler.Json(HttpStatusCode.OK, Page(null, Entry(JobA)))));

        var pages = await harness.ListAllAsync();

        Assert.Single(pages);
        Assert.Equal(["limit=50", "limit=25"], harness.Handler.Calls.Select(call => call.Uri.Query.TrimStart('?').Split('&')[0]));
    }

    [Fact]
    public async Task ListPagesAsync_OneBadEntryOfEachKind_CostsOnlyThatEntry()
    {
        string[] entries =
        [
            Entry("good-1"),
            """{"id":"year-10000","status":"Completed","createdAt":253402300800000}""",
            """{"id":"negative-epoch","status":"Completed","createdAt":-5}""",
            """{"id":"fractional-count","status":"Completed","rowCount":1.5}""",
            """{"id":"word-count","status":"Completed","rowsFailed":"many"}""",
            """{"name":"no id at all","status":"Completed"}""",
            """{"id":"a/b","status":"Completed"}""",
            Entry("good-2"),
        ];
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, Page(null, entries))));

        var page = Assert.Single(await harness.ListAllAsync());

        Assert.Equal(["good-1", "good-2"], page.Entries.Select(entry => entry.Id));
        Assert.Equal(["year-10000", "negative-epoch", "fractional-count", "word-count", null, null], page.Unreadable.Select(record => record.JobId));
        Assert.All(page.Unreadable, record => Assert.False(string.IsNullOrEmpty(record.Evidence)));
    }

    [Fact]
    public async Task ListPagesAsync_AnInvalidStringEscapeInOneEntry_IsSalvagedEntryByEntry()
    {
        var body = Page(nextCursor: "next", Entry("good-1"), """{"id":"bad-escape","name":"bad \q escape","status":"Completed"}""", Entry("good-2"));
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => index == 0
            ? StubHttpHandler.Json(HttpStatusCode.OK, body)
            : StubHttpHandler.Json(HttpStatusCode.OK, Page(null))));

        var page = (await harness.ListAllAsync())[0];

        Assert.Equal(["good-1", "good-2"], page.Entries.Select(entry => entry.Id));
        Assert.Equal("bad-escape", Assert.Single(page.Unreadable).JobId);
        Assert.Equal("next", page.NextCursor);
    }

    [Fact]
    public async Task ListPagesAsync_BodyCutOff_IsRetriedAsTransient()
    {
        var full = Page(null, Entry(JobA));
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => StubHttpHandler.Json(HttpStatusCode.OK,
            index == 0 ? full[..(full.Length / 2)] : full)));

        var page = Assert.Single(await harness.ListAllAsync());

        Assert.Single(page.Entries);
        Assert.Equal(2, harness.Handler.Calls.Count);
    }

    [Theory]
    [InlineData("BJ-000123_x")]
    [InlineData("8a8082c45f9a4bd1015fa0b2b0e3000f")]
    [InlineData("3A3E85C4-96E7-486B-AE02-827120104301")]
    public async Task GetSummaryAsync_AnyUrlSafeIdUpTo64Characters_IsAskedAndKeptAsGiven(string id)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, Summary(id))));

        var fetch = await harness.Client.GetSummaryAsync(id, CancellationToken.None);

        Assert.Equal(id, fetch.Summary!.Id);
        Assert.Equal($"/bulk-data/bulk-jobs/{id}/summary", Assert.Single(harness.Handler.Calls).Uri.AbsolutePath);
    }

    [Theory]
    [InlineData("../../oauth/token")]
    [InlineData("a b")]
    [InlineData("a%2Fb")]
    [InlineData("")]
    public async Task GetSummaryAsync_IdThatIsNotUrlSafe_NeverReachesAUrl(string id)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, Summary(JobA))));

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.GetSummaryAsync(id, CancellationToken.None));

        Assert.Empty(harness.Handler.Calls);
    }

    [Fact]
    public async Task GetSummaryAsync_SummaryOfAnotherJob_IsRefusedWithoutRetry()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, Summary("someone-else"))));

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Contains("another job", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Theory]
    [InlineData("""{"id":"ID","rowCount":"lots"}""")]
    [InlineData("""{"id":"ID","createdAt":{"seconds":5}}""")]
    [InlineData("""{"id":"ID","isCustomObject":"perhaps"}""")]
    [InlineData("""{"id":"ID","name":"bad \q escape"}""")]
    public async Task GetSummaryAsync_CompleteAnswerOfTheWrongShape_IsPermanentAndKeptAsEvidence(string body)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, body.Replace("ID", JobA, StringComparison.Ordinal))));

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Single(harness.Handler.Calls);
        Assert.Contains(JobA, error.Evidence, StringComparison.Ordinal);
        Assert.Equal(0, harness.Metrics.Retries);
    }

    [Fact]
    public async Task GetSummaryAsync_BodyThatIsNotJson_IsRetriedAsTransient()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => index == 0
            ? StubHttpHandler.Json(HttpStatusCode.OK, "<html>Bad Gateway</html>")
            : StubHttpHandler.Json(HttpStatusCode.OK, Summary(JobA))));

        var fetch = await harness.Client.GetSummaryAsync(JobA, CancellationToken.None);

        Assert.Equal(JobA, fetch.Summary!.Id);
        Assert.Equal(1, harness.Metrics.Retries);
    }

    [Fact]
    public async Task ListPagesAsync_SuccessFalseWithHttp200_IsRetriedAsTransient()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => index == 0
            ? StubHttpHandler.Json(HttpStatusCode.OK, """{"success":false,"reasons":[{"code":50000001,"message":"busy"}]}""")
            : StubHttpHandler.Json(HttpStatusCode.OK, Page(null, Entry(JobA)))));

        var page = Assert.Single(await harness.ListAllAsync());

        Assert.Equal(JobA, Assert.Single(page.Entries).Id);
        Assert.Equal(1, harness.Metrics.Retries);
    }

    [Fact]
    public async Task GetSummaryAsync_SuccessFalseWithHttp200_IsRetriedAsTransient()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => index == 0
            ? StubHttpHandler.Json(HttpStatusCode.OK, """{"success":false,"reasons":[{"code":50000001,"message":"busy"}]}""")
            : StubHttpHandler.Json(HttpStatusCode.OK, Summary(JobA))));

        var fetch = await harness.Client.GetSummaryAsync(JobA, CancellationToken.None);

        Assert.Equal(JobA, fetch.Summary!.Id);
        Assert.Equal(1, harness.Metrics.Retries);
    }

    [Fact]
    public async Task GetDownloadsAsync_SuccessFalseWithHttp200_IsRetriedAsTransient()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => index == 0
            ? StubHttpHandler.Json(HttpStatusCode.OK, """{"success":false,"reasons":[{"code":50000001,"message":"busy"}]}""")
            : StubHttpHandler.Json(HttpStatusCode.OK, $$"""{"jobId":"{{JobA}}","status":"Completed","errorRowsFile":"https://files.example/e.csv"}""")));

        var downloads = await harness.Client.GetDownloadsAsync(JobA, CancellationToken.None);

        Assert.Equal(new Uri("https://files.example/e.csv"), downloads!.ErrorRowsFile);
        Assert.Equal(1, harness.Metrics.Retries);
    }

    [Fact]
    public async Task GetSummaryAsync_BodyOverTheCap_FailsThatCallWithoutRetry()
    {
        var huge = new byte[6 * 1024 * 1024];
        Array.Fill(huge, (byte)' ');
        huge[0] = (byte)'{';
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, huge)),
            resilience: new ZuoraResilienceOptions { MaxResponseBytes = 1024 * 1024, BaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Fact]
    public async Task GetSummaryAsync_ServerReasonWithControlCharactersAndAnsiEscapes_IsClippedAndCleaned()
    {
        var reason = "\u001b[31mboom\u001b[0m\r\nAuthorization: Bearer x\u0007" + new string('z', 100_000);
        var body = System.Text.Json.JsonSerializer.Serialize(new { success = false, reasons = new[] { new { code = 50000060, message = reason } } });
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.BadRequest, body)));

        var error = await Assert.ThrowsAsync<ZuoraApiException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Contains("boom Authorization", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 600, $"the message is {error.Message.Length} characters long");
    }

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    public async Task ListPagesAsync_Redirect_IsAConfigurationErrorNamingStatusAndHost(HttpStatusCode status)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
            new HttpResponseMessage(status) { Headers = { Location = new Uri("https://elsewhere.example/steal") } }));

        var error = await Assert.ThrowsAsync<ZuoraConfigurationException>(harness.ListAllAsync);

        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("elsewhere.example", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Fact]
    public async Task GetSummaryAsync_Redirect_CostsThatJobOnly()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
            new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://elsewhere.example/") } }));

        await Assert.ThrowsAsync<ZuoraRecordException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));
    }

    [Fact]
    public async Task GetDownloadsAsync_Redirect_CostsThatJobOnly()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
            new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://elsewhere.example/") } }));

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(() => harness.Client.GetDownloadsAsync(JobA, CancellationToken.None));

        Assert.Contains("302", error.Message, StringComparison.Ordinal);
        Assert.Contains("elsewhere.example", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Fact]
    public async Task GetSummaryAsync_QuotaSpent_StopsAtOnceAndSendsNothingMore()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
        {
            var response = StubHttpHandler.Json(HttpStatusCode.TooManyRequests, """{"success":false,"reasons":[{"code":50000070,"message":"quota"}]}""");
            response.Headers.Add("ratelimit-remaining", "0");
            response.Headers.Add("ratelimit-reset", "3000");
            response.Headers.Add("Retry-After", "3000");
            return response;
        }));

        var first = await Assert.ThrowsAsync<ZuoraQuotaExhaustedException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));
        await Assert.ThrowsAsync<ZuoraQuotaExhaustedException>(() => harness.Client.GetSummaryAsync("another-job", CancellationToken.None));

        Assert.Single(harness.Handler.Calls);
        Assert.Contains("UTC", first.Message, StringComparison.Ordinal);
        Assert.InRange(first.ResetsAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2900), TimeSpan.FromSeconds(3001));
    }

    [Fact]
    public async Task GetSummaryAsync_A429WithAShortReset_IsRetriedNotTakenForASpentQuota()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) =>
        {
            if (index > 0)
            {
                return StubHttpHandler.Json(HttpStatusCode.OK, Summary(JobA));
            }

            var response = StubHttpHandler.Json(HttpStatusCode.TooManyRequests, "{}");
            response.Headers.Add("ratelimit-remaining", "0");
            response.Headers.Add("ratelimit-reset", "0");
            return response;
        }));

        var fetch = await harness.Client.GetSummaryAsync(JobA, CancellationToken.None);

        Assert.NotNull(fetch.Summary);
        Assert.Equal(2, harness.Handler.Calls.Count);
    }

    internal static string Entry(string id) =>
        $$"""{"id":"{{id}}","name":"job {{id}}","status":"Completed","rowCount":10,"rowsSucceeded":9,"rowsFailed":1,"createdAt":1614081280,"lastUpdatedAt":1614082580}""";

    internal static string Summary(string id) =>
        $$"""{"id":"{{id}}","name":"job","status":"Completed","rowCount":10,"rowsSucceeded":9,"rowsFailed":1,"createdAt":1614081280,"lastUpdatedAt":1614082580,"objectType":"account","jobType":"Import"}""";

    internal static string Page(string? nextCursor, params string[] entries) =>
        $$"""{"data":[{{string.Join(",", entries)}}]{{(nextCursor is null ? "" : $",\"nextPageCursor\":\"{nextCursor}\"")}}}""";
}
