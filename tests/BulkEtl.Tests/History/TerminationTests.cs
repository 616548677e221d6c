using System.Net.Http.Headers;
using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.History;

/// <summary>SIGTERM (systemd stop, Ctrl+C) ends a run cleanly: recorded, lock released, nothing half-written.</summary>
public sealed class TerminationTests
{
    [Fact]
    public async Task Run_Sigterm_EndsPromptlyRecordsTheRunAsCancelledAndTheNextRunCompletes()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 100, new FaultOptions { Latency = TimeSpan.FromMilliseconds(50) });
        using var child = ChildProcess.Start(night.RunArgs("--max-concurrency", "1"));
        var error = child.StandardError.ReadToEndAsync();
        await Eventually.WaitUntilAsync(() => night.Simulator.Stats.SummaryRequests >= 5 || child.HasExited, "the child run fetches");

        ChildProcess.Terminate(child);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await child.WaitForExitAsync(deadline.Token);

        var stderr = await error;
        Assert.True(child.ExitCode == ExitCodes.Terminated, $"exit {child.ExitCode}: {stderr}");
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        using (var connection = StoreDatabase.Open(night.Database))
        {
            var run = new RunLedger(connection, TimeProvider.System).Latest(1).Single();
            Assert.Equal(("failed", "interrupted: stopped by a signal before the run finished"), (run.Outcome, run.FailureMessage));
        }

        night.Simulator.Faults = new FaultOptions();
        var next = await night.RunAsync();
        Assert.True(next.ExitCode == ExitCodes.Success, next.Error);
        Assert.Equal(100, SimulatedNight.StoredJobs(night.Database).Count);
    }

    [Fact]
    public async Task Simulate_Standalone_ServesTheTenantUntilSigterm()
    {
        using var child = ChildProcess.Start(["simulate", "--port", "0", "--jobs", "7", "--seed", "3"]);
        var banner = await child.StandardOutput.ReadLineAsync() ?? "";
        var url = banner.Split(' ').First(word => word.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");

        var list = await http.GetStringAsync("bulk-data/bulk-jobs/summaries?limit=50");
        ChildProcess.Terminate(child);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await child.WaitForExitAsync(deadline.Token);

        Assert.Equal(7, System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(ExitCodes.Success, child.ExitCode);
    }

    [Fact]
    public async Task Demo_OnAFreshFolder_WritesTheStoreAndReportsWhereItSays()
    {
        using var folder = new TempFolder();
        using var child = ChildProcess.Start(["demo", "--jobs", "60", "--log-level", "warning"], folder.Path);
        var output = child.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await child.WaitForExitAsync(deadline.Token);

        Assert.Equal(ExitCodes.Success, child.ExitCode);
        Assert.Contains(Path.Combine(folder.Path, "demo.db"), await output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "demo.db")));
        Assert.Contains(Directory.GetFiles(Path.Combine(folder.Path, "reports")), file => Path.GetFileName(file).StartsWith("failure-rates_", StringComparison.Ordinal));
    }
}
