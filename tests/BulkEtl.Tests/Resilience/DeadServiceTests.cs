using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Resilience;

public sealed class DeadServiceTests
{
    [Fact]
    public async Task Run_EveryCallFails_TheCircuitBreakerEndsTheRunWithoutHammering()
    {
        await using var probe = await SimulatedNight.StartAsync(jobs: 80);
        var ids = probe.Simulator.Jobs.SelectMany(job => new[] { "--job-id", job.Id }).ToArray();
        await using var night = await SimulatedNight.StartAsync(jobs: 80, new FaultOptions { ServerErrorRate = 1.0, RetryAfterSeconds = 0 });

        var result = await night.RunAsync([.. ids, "--max-retries", "2"]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("keeps failing", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
        var dataCalls = night.Simulator.Stats.Requests.Count(request => request.JobId is not null);
        Assert.True(dataCalls < 80 * 3, $"{dataCalls} calls: the breaker should stop well before every job's every retry");
    }
}
