using System.Diagnostics;
using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Reasons;

/// <summary>A SIGTERM while an error file trickles in ends the night promptly: the read sees the signal.</summary>
public sealed class FailureFileTerminationTests
{
    [Fact]
    public async Task Run_SigtermDuringATricklingErrorFile_ExitsWith143WithinTenSecondsAndTheLedgerSaysInterrupted()
    {
        await using var night = await SimulatedNight.StartAsync(24);
        var job = ExpectedReasons.Pending(night.Simulator.Jobs).First(job => job.Status == "Completed");
        night.Simulator.FileFaults = night.Simulator.FileFaults with { TrickleIds = new HashSet<string> { job.Id } };
        using var child = ChildProcess.Start(night.RunArgs());
        var error = child.StandardError.ReadToEndAsync();
        await Eventually.WaitUntilAsync(
            () => night.Simulator.Stats.Requests.Any(request => request.Path.EndsWith($"/{job.Id}/downloads", StringComparison.Ordinal)) || child.HasExited,
            "the child asks for the trickling job's downloads", TimeSpan.FromSeconds(30));
        // The header arrives at once, then a byte every 2 s: the reader is inside the file by now.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(child.HasExited, "the child ended before the signal");

        var clock = Stopwatch.StartNew();
        ChildProcess.Terminate(child);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await child.WaitForExitAsync(deadline.Token);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"ended {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM");
        var stderr = await error;
        Assert.True(child.ExitCode == ExitCodes.Terminated, $"exit {child.ExitCode}: {stderr}");
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        using var connection = StoreDatabase.Open(night.Database);
        var run = new RunLedger(connection, TimeProvider.System).Latest(1).Single();
        Assert.Equal("failed", run.Outcome);
        Assert.StartsWith("interrupted", run.FailureMessage, StringComparison.Ordinal);
    }
}
