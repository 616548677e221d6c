using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Simulator;

namespace BulkEtl.Tests.Simulator;

/// <summary>The list's cursor over real loopback HTTP: pages that stay consistent while the tenant changes.</summary>
public sealed class ListEndpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private ZuoraSimulator _simulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 35, Seed = 11, Now = Now });
        _http = new HttpClient { BaseAddress = _simulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task List_JobRemovedBeforeAndAddedAfterTheCursorMidListing_ServesEveryLastingJobExactlyOnce()
    {
        var before = _simulator.Jobs;
        var seen = new List<string>();
        var (first, cursor) = await PageAsync(null);
        seen.AddRange(first);
        var (second, cursorAfterSecond) = await PageAsync(cursor);
        seen.AddRange(second);

        // Between page 2 and page 3: one job leaves from before the cursor, one arrives after it.
        var removed = before[4];
        var added = before[27] with { Id = "added-mid-listing", CreatedAt = before[27].CreatedAt.AddSeconds(1) };
        Assert.True(_simulator.RemoveJob(removed.Id));
        _simulator.UpsertJob(added);
        cursor = cursorAfterSecond;
        while (cursor is not null)
        {
            (var page, cursor) = await PageAsync(cursor);
            seen.AddRange(page);
        }

        var lasting = before.Where(job => job.Id != removed.Id).Select(job => job.Id).ToList();
        Assert.Equal(35, before.Count);
        Assert.Equal(20, first.Count + second.Count);
        Assert.All(lasting, id => Assert.Equal(1, seen.Count(seenId => seenId == id)));
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(added.Id, seen);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("AAAAAAAAAAA")]
    [InlineData("b2Zmc2V0OjUw")]
    public async Task List_InvalidCursor_AnswersBadRequest(string cursor)
    {
        using var response = await _http.GetAsync($"bulk-data/bulk-jobs/summaries?limit=10&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Invalid cursor", body.RootElement.GetProperty("reasons")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task List_CursorAfterTheLastJob_AnswersNoJobSummariesFound()
    {
        var last = _simulator.Jobs[^1];
        var cursor = ListCursor.Encode(JobKey.Of(last));

        using var response = await _http.GetAsync($"bulk-data/bulk-jobs/summaries?cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No job summaries found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_StatusFilterAcrossPages_ServesEveryJobOfThatStatusOnce()
    {
        var expected = _simulator.Jobs.Where(job => job.Status == "Completed").Select(job => job.Id).ToList();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            (var page, cursor) = await PageAsync(cursor, limit: 3, status: "Completed");
            seen.AddRange(page);
        }
        while (cursor is not null);

        Assert.True(expected.Count > 3);
        Assert.Equal(expected, seen);
    }

    private async Task<(List<string> Ids, string? Cursor)> PageAsync(string? cursor, int limit = 10, string? status = null)
    {
        var path = $"bulk-data/bulk-jobs/summaries?limit={limit}"
            + (status is null ? "" : "&status=" + Uri.EscapeDataString(status))
            + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ids = document.RootElement.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();
        var next = document.RootElement.TryGetProperty("nextPageCursor", out var value) ? value.GetString() : null;
        return (ids, next);
    }
}
