using System.Diagnostics;
using System.Text.Json;

namespace BulkEtl.Tests.Benchmarks;

/// <summary>The benchmark at a tiny size: it runs, and its JSON carries every key README and issue 11 name.</summary>
public sealed class BenchmarkSmokeTests : IDisposable
{
    private static readonly string[] Keys =
    [
        "jobs", "firstRunSeconds", "firstRunJobsPerSecond", "peakWorkingSetBytes", "cpuMicrosecondsPerJob",
        "storeRowsPerSecond", "sqliteImportRowsPerSecond", "storeVsSqliteImport",
        "incrementalSeconds", "incrementalRequests", "listOnlySeconds",
        "latencyBoundJobsPerSecond", "latencyBoundCeiling", "reportSeconds", "trendSeconds", "storeBytesPerJob",
        "failureReasonRunJobs", "failureReasonRunSeconds", "failureReasonRunJobsPerSecond", "failureReasonJobsCollected",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("bulketl-bench-smoke").FullName;

    [Fact]
    public async Task Benchmark_TinyTenant_WritesEveryKey()
    {
        var json = Path.Combine(_folder, "bench.json");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "BulkEtl.Benchmarks.dll"), "--jobs", "200", "--skip-large", "--out", json })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("store / .import", await output, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        foreach (var key in Keys)
        {
            Assert.True(result.RootElement.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.Equal(200, result.RootElement.GetProperty("jobs").GetInt32());
        Assert.True(result.RootElement.GetProperty("firstRunSeconds").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("latencyBoundJobsPerSecond").ValueKind);
        Assert.Equal(200, result.RootElement.GetProperty("failureReasonRunJobs").GetInt32());
        Assert.True(result.RootElement.GetProperty("failureReasonJobsCollected").GetInt64() > 0, "the reasons stage collected no reason");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
