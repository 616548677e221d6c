using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BulkEtl.Benchmarks;

/// <summary>The floor of an incremental run: a plain HttpClient paging the list (limit 50) and nothing else.</summary>
public static class ListPager
{
    public static async Task<(double Seconds, long Items)> PageAllAsync(Uri baseUrl)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
        var stopwatch = Stopwatch.StartNew();
        long items = 0;
        string? cursor = null;
        do
        {
            var path = "bulk-data/bulk-jobs/summaries?limit=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            await using var body = await http.GetStreamAsync(new Uri(path, UriKind.Relative));
            using var page = await JsonDocument.ParseAsync(body);
            items += page.RootElement.GetProperty("data").GetArrayLength();
            cursor = page.RootElement.TryGetProperty("nextPageCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return (stopwatch.Elapsed.TotalSeconds, items);
    }
}
