using System.Net;
using BulkEtl.Model;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static BulkEtl.Tests.Extract.ZuoraClientTests;

namespace BulkEtl.Tests.Extract;

/// <summary>The streaming extraction: ids in (listed or given), outcomes out, failures kept for the caller.</summary>
public sealed class JobExtractorTests
{
    private const string GatewayNotFound = """{"message":"no Route matched with those values"}""";

    [Fact]
    public async Task ExtractAsync_ExplicitIds_FetchesThoseIdsWithoutListing()
    {
        var planner = new TakeAllPlanner();
        using var harness = Tenant(_ => throw new InvalidOperationException("the list must not be called"));
        var progress = new ExtractionProgress();

        var outcomes = await ExtractAsync(harness, progress, planner, ["job-1", "job-2"]);

        Assert.Equal(["job-1", "job-2"], Fetched(outcomes));
        Assert.Equal(2, outcomes.Count);
        Assert.DoesNotContain(harness.Handler.Calls, call => call.Uri.AbsolutePath.EndsWith("/summaries", StringComparison.Ordinal));
        Assert.Equal(0, planner.Pages);
        Assert.True(progress.ListingComplete);
        Assert.Null(progress.ListFailure);
    }

    [Fact]
    public async Task ExtractAsync_ListFailsAfterTheFirstPage_FetchesThatPagesJobsAndSetsListFailure()
    {
        using var harness = Tenant(cursor => cursor is null
            ? StubHttpHandler.Json(HttpStatusCode.OK, Page("c2", Entry("job-1"), Entry("job-2")))
            : StubHttpHandler.Json(HttpStatusCode.NotFound, GatewayNotFound));
        var progress = new ExtractionProgress();

        var outcomes = await ExtractAsync(harness, progress, new TakeAllPlanner());

        Assert.Equal(["job-1", "job-2"], Fetched(outcomes));
        Assert.IsAssignableFrom<ZuoraApiException>(progress.ListFailure);
        Assert.False(progress.ListingComplete);
        Assert.Equal(2, progress.Listed);
    }

    [Fact]
    public async Task ExtractAsync_UnreadableEntryWithAnId_IsReportedAndFetchedById()
    {
        using var harness = Tenant(_ => StubHttpHandler.Json(HttpStatusCode.OK, Page(null,
            Entry("job-1"),
            """{"id":"word-count","status":"Completed","rowsFailed":"many"}""",
            """{"name":"no id at all","status":"Completed"}""")));
        var progress = new ExtractionProgress();

        var outcomes = await ExtractAsync(harness, progress, new TakeAllPlanner());

        Assert.Equal(["job-1", "word-count"], Fetched(outcomes));
        var unreadable = outcomes.OfType<FetchOutcome.Unreadable>().Select(outcome => outcome.JobId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([null, "word-count"], unreadable);
        Assert.Equal(2, harness.Handler.Calls.Count(call => call.Uri.AbsolutePath.EndsWith("/summary", StringComparison.Ordinal)));
        Assert.Null(progress.ListFailure);
    }

    [Fact]
    public async Task ExtractAsync_PlannerSkipsAJobAndAddsOneAfterListing_FetchesWhatThePlannerChose()
    {
        using var harness = Tenant(_ => StubHttpHandler.Json(HttpStatusCode.OK, Page(null, Entry("job-1"), Entry("job-2"))));
        var planner = new TakeAllPlanner(skip: "job-2", after: "job-9");

        var outcomes = await ExtractAsync(harness, new ExtractionProgress(), planner);

        Assert.Equal(["job-1", "job-9"], Fetched(outcomes));
    }

    /// <summary>The list answered by <paramref name="list"/> (given the cursor asked for), every summary by id.</summary>
    private static ClientHarness Tenant(Func<string?, HttpResponseMessage> list) => new(new StubHttpHandler((request, _) =>
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/summary", StringComparison.Ordinal))
        {
            return StubHttpHandler.Json(HttpStatusCode.OK, Summary(path.Split('/')[^2]));
        }

        var cursor = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["cursor"];
        return list(cursor);
    }));

    private static async Task<List<FetchOutcome>> ExtractAsync(ClientHarness harness, ExtractionProgress progress, IFetchPlanner planner,
        IReadOnlyList<string>? ids = null)
    {
        var extractor = new JobExtractor(harness.Client, NullLogger<JobExtractor>.Instance);
        var outcomes = new List<FetchOutcome>();
        await foreach (var outcome in extractor.ExtractAsync(ids, planner, progress, CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private static List<string> Fetched(List<FetchOutcome> outcomes) =>
        outcomes.OfType<FetchOutcome.Fetched>().Select(outcome => outcome.Summary.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>Chooses every listed job but <paramref name="skip"/>, and <paramref name="after"/> once the listing ends.</summary>
    private sealed class TakeAllPlanner(string? skip = null, string? after = null) : IFetchPlanner
    {
        public int Pages { get; private set; }

        public ValueTask<IReadOnlyList<string>> SelectAsync(IReadOnlyList<JobListEntry> page, CancellationToken cancellationToken)
        {
            Pages++;
            return ValueTask.FromResult<IReadOnlyList<string>>(page.Select(entry => entry.Id).Where(id => id != skip).ToList());
        }

        public ValueTask<IReadOnlyList<string>> AfterListingAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<string>>(after is null ? [] : [after]);
    }
}
