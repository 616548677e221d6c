using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.History;

public sealed class RunLockTests
{
    [Fact]
    public async Task Run_TwoRunsOnOneDatabaseAtOnce_TheSecondExitsAtOnceNamingTheFirst()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60, new FaultOptions { Latency = TimeSpan.FromMilliseconds(40) });
        var first = night.RunAsync("--max-concurrency", "2");
        await Eventually.WaitUntilAsync(() => night.Simulator.Stats.SummaryRequests >= 3 || first.IsCompleted, "the first run fetches");

        var started = DateTime.UtcNow;
        var second = await night.RunAsync();
        var waited = DateTime.UtcNow - started;

        Assert.Equal(ExitCodes.Locked, second.ExitCode);
        Assert.Contains("another run is using", second.Error, StringComparison.Ordinal);
        Assert.Contains("started", second.Error, StringComparison.Ordinal);
        Assert.True(waited < TimeSpan.FromSeconds(5), $"the second run waited {waited}");
        var firstResult = await first;
        Assert.True(firstResult.ExitCode == ExitCodes.Success, firstResult.Error);
        Assert.Equal(60, SimulatedNight.StoredJobs(night.Database).Count);
    }

    [Fact]
    public async Task Run_AfterTheHolderWasKilled_TakesTheLockAndMarksTheKilledRunInterrupted()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 80, new FaultOptions { Latency = TimeSpan.FromMilliseconds(50) });
        using (var child = ChildProcess.Start(night.RunArgs("--max-concurrency", "1")))
        {
            await Eventually.WaitUntilAsync(() => night.Simulator.Stats.SummaryRequests >= 5 || child.HasExited, "the child run fetches");

            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        night.Simulator.Faults = new FaultOptions();
        var next = await night.RunAsync();

        Assert.True(next.ExitCode == ExitCodes.Success, next.Error);
        var runs = await CliRunner.RunAsync("runs", "--db", night.Database);
        Assert.Contains("interrupted", runs.Output, StringComparison.Ordinal);
    }
}
