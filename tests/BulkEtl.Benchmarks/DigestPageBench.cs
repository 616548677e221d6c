using System.Diagnostics;
using BulkEtl.Report.Digest;
using BulkEtl.Store;

namespace BulkEtl.Benchmarks;

/// <summary>
/// The morning page as <c>bulk-etl digest</c> builds it: a fresh read-only connection, the store's numbers, the HTML,
/// the atomic write. The median of three, and the page's size.
/// </summary>
internal static class DigestPageBench
{
    public static async Task<(double Seconds, long Bytes)> RunAsync(string database, string folder, DateOnly day)
    {
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < 3; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var connection = StoreDatabase.OpenReadOnly(database);
            var model = DigestQuery.Load(connection, day, night: null, TimeProvider.System);
            var page = await DigestReport.WritePageAsync(model, folder, CancellationToken.None);
            times.Add(stopwatch.Elapsed.TotalSeconds);
            bytes = page.Bytes;
        }

        return (times.Order().ElementAt(1), bytes);
    }
}
