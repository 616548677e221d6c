using System.Net;
using System.Text;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;
using static BulkEtl.Tests.Extract.ZuoraClientTests;

namespace BulkEtl.Tests.Extract;

/// <summary>
/// A lone UTF-16 surrogate escape (or invalid UTF-8) is valid JSON to the parser and only fails when the string is read:
/// wherever Zuora's text is read, it must cost that record, never the page or the night.
/// </summary>
public sealed class LoneSurrogateTests
{
    private const string JobA = "3a3e85c4-96e7-486b-ae02-827120104301";

    public static TheoryData<string> BrokenEntries => new()
    {
        """{"id":"broken","name":"\ud800 broken","status":"Completed"}""",
        """{"id":"broken","name":"\udc00 broken","status":"Completed"}""",
        """{"id":"broken","status":"\ud83d","createdAt":1614081280}""",
        """{"id":"broken","status":"Completed","createdAt":"\udfff"}""",
        """{"id":"broken","status":"Completed","rowsFailed":"\ud800"}""",
        """{"id":"broken","status":"Completed","lastUpdatedAt":"2021-02-23T11:54:40\udc00Z"}""",
    };

    [Theory]
    [MemberData(nameof(BrokenEntries))]
    public async Task ListPagesAsync_LoneSurrogateInAStringOfAnEntry_CostsOnlyThatEntryAndKeepsItsId(string broken)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
            StubHttpHandler.Json(HttpStatusCode.OK, Page(null, Entry("good-1"), broken, Entry("good-2")))));

        var page = Assert.Single(await harness.ListAllAsync());

        Assert.Equal(["good-1", "good-2"], page.Entries.Select(entry => entry.Id));
        var unreadable = Assert.Single(page.Unreadable);
        Assert.Equal("broken", unreadable.JobId);
        Assert.Contains("surrogate", unreadable.Reason, StringComparison.Ordinal);
        Assert.Contains("\\u", unreadable.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPagesAsync_LoneSurrogateBesideAnInvalidEscape_BothCostOnlyTheirEntries()
    {
        // The invalid escape makes the page unparsable as a whole: the entries are then read one by one.
        var body = Page("next", Entry("good-1"), """{"id":"bad-escape","name":"bad \q"}""", """{"id":"lone","name":"\ud800"}""", Entry("good-2"));
        using var harness = new ClientHarness(new StubHttpHandler((_, index) =>
            StubHttpHandler.Json(HttpStatusCode.OK, index == 0 ? body : Page(null))));

        var page = (await harness.ListAllAsync())[0];

        Assert.Equal(["good-1", "good-2"], page.Entries.Select(entry => entry.Id));
        Assert.Equal(["bad-escape", "lone"], page.Unreadable.Select(entry => entry.JobId));
    }

    [Fact]
    public async Task ListPagesAsync_InvalidUtf8InAnEntry_CostsOnlyThatEntry()
    {
        var body = Encoding.UTF8.GetBytes(Page(null, Entry("good-1"), """{"id":"bytes","name":"AB"}""", Entry("good-2")));
        var at = Encoding.UTF8.GetString(body).IndexOf("AB", StringComparison.Ordinal);
        (body[at], body[at + 1]) = (0xFF, 0xFE);
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, body)));

        var page = Assert.Single(await harness.ListAllAsync());

        Assert.Equal(["good-1", "good-2"], page.Entries.Select(entry => entry.Id));
        Assert.Equal("bytes", Assert.Single(page.Unreadable).JobId);
    }

    [Fact]
    public async Task ListPagesAsync_LoneSurrogateInTheCursor_FailsTheListingAsAnUnreadableAnswer()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
            StubHttpHandler.Json(HttpStatusCode.OK, $$"""{"data":[{{Entry("good-1")}}],"nextPageCursor":"\ud800"}""")));

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(harness.ListAllAsync);

        Assert.Contains("nextPageCursor", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("failureReason")]
    [InlineData("objectType")]
    [InlineData("fileType")]
    public async Task GetSummaryAsync_LoneSurrogateInAnyStringField_IsARecordErrorForThatJobOnly(string field)
    {
        var summary = $$"""{"id":"{{JobA}}","status":"Completed","rowsFailed":1,"{{field}}":"x\udbff"}""";
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, summary)));

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Fact]
    public async Task GetDownloadsAsync_LoneSurrogateInALink_IsARecordErrorNotACrash()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK,
            $$"""{"jobId":"{{JobA}}","status":"Completed","errorRowsFile":"https://files.example/\udc00"}""")));

        await Assert.ThrowsAsync<ZuoraRecordException>(() => harness.Client.GetDownloadsAsync(JobA, CancellationToken.None));
    }

    [Fact]
    public async Task GetSummaryAsync_ErrorBodyWithALoneSurrogate_StillGivesItsReason()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.BadRequest,
            """{"success":false,"processId":"P1","reasons":[{"code":50000020,"message":"bad \ud800 value"}]}""")));

        var error = await Assert.ThrowsAsync<ZuoraApiException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Contains("bad", error.Message, StringComparison.Ordinal);
        Assert.Contains("50000020", error.Message, StringComparison.Ordinal);
        Assert.Contains("processId P1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuthToken_LoneSurrogateInTheTokenAnswer_IsAnAnswerThatIsNotATokenNamedAsSuch()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK,
            """{"access_token":"\ud800","expires_in":3599}""")), oauth: true);

        var error = await Assert.ThrowsAsync<ZuoraApiException>(async () => await harness.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Contains("not a token", error.Message, StringComparison.Ordinal);
    }
}
