using System.Diagnostics;
using BulkEtl.Composition;
using BulkEtl.Extract;
using BulkEtl.Run;
using Microsoft.Extensions.DependencyInjection;

namespace BulkEtl.Benchmarks;

/// <summary>
/// A night composed as the CLI composes it, in this process: its time excludes the runtime's start, which matters for
/// runs of a few seconds (a re-run with no change, the latency-bound run).
/// </summary>
internal static class InProcessNight
{
    public static async Task<(double Seconds, RunResult Result)> RunAsync(Uri baseUrl, string database, string output, int maxConcurrency)
    {
        var options = new ZuoraOptions { BaseUrl = baseUrl, Token = "sim-static-token", TrackId = Guid.NewGuid().ToString("D"), MaxConcurrency = maxConcurrency };
        await using var services = new ServiceCollection().AddLogging().AddBulkEtl(TimeProvider.System).AddNightlyRun(options).BuildServiceProvider();
        var night = services.GetRequiredService<NightlyRun>();
        var stopwatch = Stopwatch.StartNew();
        var result = await night.ExecuteAsync(new RunRequest(database, output, Workload.From, Workload.To), Guid.NewGuid(), options.TrackId,
            CancellationToken.None);
        return (stopwatch.Elapsed.TotalSeconds, result);
    }

    /// <summary>The list alone through BulkEtl's client (pipeline, limiter, parsing): where a no-change run's time goes.</summary>
    public static async Task<double> ListThroughClientAsync(Uri baseUrl)
    {
        var options = new ZuoraOptions { BaseUrl = baseUrl, Token = "sim-static-token", TrackId = Guid.NewGuid().ToString("D") };
        await using var services = new ServiceCollection().AddLogging().AddBulkEtl(TimeProvider.System).AddNightlyRun(options).BuildServiceProvider();
        var client = services.GetRequiredService<ZuoraClient>();
        var stopwatch = Stopwatch.StartNew();
        await foreach (var page in client.ListPagesAsync(CancellationToken.None))
        {
            _ = page;
        }

        return stopwatch.Elapsed.TotalSeconds;
    }
}
