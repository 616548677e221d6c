using System.Net;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;
using static BulkEtl.Tests.Extract.ZuoraClientTests;

namespace BulkEtl.Tests.Extract;

/// <summary>
/// Where Zuora's reference is silent about the list (the cursor's name, the empty tenant's body) and where a list could
/// go on forever: the client reads every known guess, says when it cannot be sure, and stops a list that cannot end.
/// </summary>
public sealed class ListingTests
{
    private static string Entries(int from, int count) => string.Join(",", Enumerable.Range(from, count).Select(index => Entry($"job-{index}")));

    [Theory]
    [InlineData("nextPageCursor")]
    [InlineData("next_page")]
    public async Task ListPagesAsync_CursorUnderEitherKnownName_IsFollowedToTheEnd(string field)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => StubHttpHandler.Json(HttpStatusCode.OK, index == 0
            ? $$"""{"data":[{{Entries(0, 50)}}],"{{field}}":"c2"}"""
            : $$"""{"data":[{{Entries(50, 3)}}]}""")));

        var pages = await harness.ListAllAsync();

        Assert.Equal(53, pages.Sum(page => page.Count));
        Assert.Equal(field, pages[0].CursorField);
        Assert.EndsWith("cursor=c2", harness.Handler.Calls.Last().Uri.Query, StringComparison.Ordinal);
        Assert.All(pages, page => Assert.Null(page.UnprovenEnd));
    }

    [Fact]
    public async Task ListPagesAsync_AnEmptyNextPageCursorBesideANextPage_TakesTheFirstNonEmpty()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => StubHttpHandler.Json(HttpStatusCode.OK, index == 0
            ? $$"""{"data":[{{Entries(0, 50)}}],"nextPageCursor":"","next_page":"c2"}"""
            : $$"""{"data":[{{Entries(50, 1)}}]}""")));

        var pages = await harness.ListAllAsync();

        Assert.Equal(2, pages.Count);
        Assert.Equal("next_page", pages[0].CursorField);
    }

    [Fact]
    public async Task ListPagesAsync_FullPageWithNoKnownCursorButAnotherField_EndsUnprovenNamingTheField()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.OK,
            $$"""{"success":true,"data":[{{Entries(0, 50)}}],"nextCursor":"c2","pageSize":50}""")));

        var page = Assert.Single(await harness.ListAllAsync());

        Assert.NotNull(page.UnprovenEnd);
        Assert.Contains("nextCursor, pageSize", page.UnprovenEnd, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Calls);
    }

    [Theory]
    [InlineData("""{"data":[ENTRIES]}""")]
    [InlineData("""{"success":true,"data":[ENTRIES],"nextPageCursor":null}""")]
    public async Task ListPagesAsync_FullPageWithDataAlone_IsTheProvenEnd(string shape)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
            StubHttpHandler.Json(HttpStatusCode.OK, shape.Replace("ENTRIES", Entries(0, 50), StringComparison.Ordinal))));

        var page = Assert.Single(await harness.ListAllAsync());

        Assert.Null(page.UnprovenEnd);
        Assert.Equal(50, page.Count);
    }

    [Fact]
    public async Task ListPagesAsync_AShortPageWithAnUnknownField_IsTheEnd()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
            StubHttpHandler.Json(HttpStatusCode.OK, $$"""{"data":[{{Entries(0, 49)}}],"requestId":"r1"}""")));

        Assert.Null(Assert.Single(await harness.ListAllAsync()).UnprovenEnd);
    }

    [Theory]
    [InlineData("""{"success":false,"processId":"P","reasons":[{"code":50000040,"message":"Nothing here"}]}""")]
    [InlineData("""{"code":"50000040","message":"Nothing here"}""")]
    [InlineData("""{"error":{"code":50000040,"message":"Nothing here"}}""")]
    [InlineData("""{"success":false,"reasons":[{"message":"No job summaries found"}]}""")]
    public async Task ListPagesAsync_404InZuorasEnvelopeWithANotFoundCode_IsAnEmptyTenant(string body)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.NotFound, body)));

        Assert.Empty(await harness.ListAllAsync());
    }

    [Theory]
    [InlineData("""{"message":"No job summaries found"}""")]
    [InlineData("""{"status":404,"detail":"No job summaries found"}""")]
    [InlineData("""<html><body>No job summaries found</body></html>""")]
    [InlineData("""{"success":false,"reasons":[{"code":50000020,"message":"No job summaries found"}]}""")]
    public async Task ListPagesAsync_404WithoutAZuoraNotFoundEnvelope_IsAConfigurationErrorWhateverItsWords(string body)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) => StubHttpHandler.Json(HttpStatusCode.NotFound, body)));

        await Assert.ThrowsAsync<ZuoraConfigurationException>(harness.ListAllAsync);
    }

    [Fact]
    public async Task ListPagesAsync_ACursorSeenBefore_FailsTheListingAsACycle()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => StubHttpHandler.Json(HttpStatusCode.OK,
            $$"""{"data":[{{Entries(index * 50, 50)}}],"nextPageCursor":"c{{index % 3}}"}""")));

        var error = await Assert.ThrowsAsync<ZuoraApiException>(harness.ListAllAsync);

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, harness.Handler.Calls.Count);
    }

    [Fact]
    public async Task ListPagesAsync_TwoPagesInARowWithNoNewId_FailTheListing()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => StubHttpHandler.Json(HttpStatusCode.OK,
            $$"""{"data":[{{Entries(index == 0 ? 0 : 50, 50)}}],"nextPageCursor":"fresh-{{index}}"}""")));

        var error = await Assert.ThrowsAsync<ZuoraApiException>(harness.ListAllAsync);

        Assert.Contains("no job the listing had not shown", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, harness.Handler.Calls.Count);
    }

    [Fact]
    public async Task ListPagesAsync_OnePageWithNoNewIdAmongNewOnes_IsTolerated()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => StubHttpHandler.Json(HttpStatusCode.OK, index switch
        {
            0 => $$"""{"data":[{{Entries(0, 50)}}],"nextPageCursor":"a"}""",
            1 => $$"""{"data":[{{Entries(0, 50)}}],"nextPageCursor":"b"}""",
            _ => $$"""{"data":[{{Entries(50, 2)}}]}""",
        })));

        Assert.Equal(3, (await harness.ListAllAsync()).Count);
    }

    [Fact]
    public async Task ListPagesAsync_MorePagesThanTheBound_FailsTheListingNamingTheBound()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, index) => StubHttpHandler.Json(HttpStatusCode.OK,
            $$"""{"data":[{{Entries(index * 50, 50)}}],"nextPageCursor":"c{{index}}"}""")), maxListPages: 7);

        var error = await Assert.ThrowsAsync<ZuoraApiException>(harness.ListAllAsync);

        Assert.Contains("past 7 pages", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxListPages", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, harness.Handler.Calls.Count);
    }

    [Theory]
    [InlineData(0, null, 50, ListingBound.FirstListingPages)]
    [InlineData(0, 100L, 50, 102)]
    [InlineData(0, 10_000L, 50, 800)]
    [InlineData(0, 1_000_000L, 50, 80_000)]
    [InlineData(0, 101L, 25, 105)]
    [InlineData(12, 1_000_000L, 50, 12)]
    public void MaxPages_FromTheLastCompleteListingWithHeadroomOrTheSetting(int setting, long? lastListing, int pageSize, int expected) =>
        Assert.Equal(expected, ListingBound.MaxPages(setting, lastListing, pageSize));
}
