using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Resilience;

/// <summary>Each fault the simulator can inject, survived with exact results over real loopback HTTP.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Run_SeededFaultMixFailingOverAFifthOfCalls_StoresExactlyWhatAFaultFreeRunStores()
    {
        await using var clean = await SimulatedNight.StartAsync(jobs: 150);
        var cleanRun = await clean.RunAsync();
        Assert.True(cleanRun.ExitCode == ExitCodes.Success, cleanRun.Error);

        var faults = new FaultOptions
        {
            Seed = 20261128,
            ServerErrorRate = 0.10,
            RateLimitRate = 0.05,
            RetryAfterSeconds = 0,
            TruncateRate = 0.05,
            MalformedRate = 0.05,
            HangRate = 0.02,
            HangDuration = TimeSpan.FromSeconds(5),
        };
        await using var faulty = await SimulatedNight.StartAsync(jobs: 150, faults);
        var faultyRun = await faulty.RunAsync("--attempt-timeout", "0.5");

        Assert.True(faultyRun.ExitCode == ExitCodes.Success, faultyRun.Error);
        var requests = faulty.Simulator.Stats.Requests;
        var failedShare = requests.Count(request => request.StatusCode != 200) / (double)requests.Count;
        var faultedShare = (double)(faulty.Simulator.Stats.ServerErrors + faulty.Simulator.Stats.TooManyRequests) / requests.Count;
        Assert.True(faulty.Simulator.Stats.TotalRequests > clean.Simulator.Stats.TotalRequests * 1.2,
            $"the mix must make at least a fifth of calls fail ({faulty.Simulator.Stats.TotalRequests} vs {clean.Simulator.Stats.TotalRequests} calls; {failedShare:P0} non-200, {faultedShare:P0} 5xx/429)");
        Assert.Equal(SimulatedNight.StoredJobs(clean.Database), SimulatedNight.StoredJobs(faulty.Database));
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(clean.Reports, "failure-rates_2026-10-22_2026-11-20.csv")),
            await File.ReadAllBytesAsync(Path.Combine(faulty.Reports, "failure-rates_2026-10-22_2026-11-20.csv")));
    }

    [Fact]
    public async Task Run_ServiceUnavailableWithRetryAfter_WaitsAtLeastRetryAfterBeforeTheRetry()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 3, new FaultOptions { ServerErrorBurst = 1, RetryAfterSeconds = 1 });

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var calls = night.Simulator.Stats.Requests.Where(request => request.Path != "/oauth/token").ToList();
        Assert.Equal(503, calls[0].StatusCode);
        var gap = calls[1].ReceivedAt - calls[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"the retry came {gap.TotalMilliseconds} ms after a Retry-After of 1 s");
    }

    [Fact]
    public async Task Run_RetryAfterAsAnHttpDate_WaitsUntilThatMoment()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 3,
            new FaultOptions { ServerErrorBurst = 1, RetryAfterSeconds = 2, RetryAfterAsDate = true });

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var calls = night.Simulator.Stats.Requests.Where(request => request.Path != "/oauth/token").ToList();
        var gap = calls[1].ReceivedAt - calls[0].ReceivedAt;
        // An HTTP date has whole seconds: "now + 2 s" may name a moment as little as 1 s away.
        Assert.InRange(gap, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Run_RetryAfterLongerThanTheCap_WaitsOnlyTheCap()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 3, new FaultOptions { ServerErrorBurst = 1, RetryAfterSeconds = 60 });

        var result = await night.RunAsync("--max-retry-after", "0.3");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var calls = night.Simulator.Stats.Requests.Where(request => request.Path != "/oauth/token").ToList();
        var gap = calls[1].ReceivedAt - calls[0].ReceivedAt;
        Assert.InRange(gap, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Run_TokenRevokedMidRun_RenewsTheTokenOnceAndStoresEveryJob()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 120, new FaultOptions { RevokeTokensAtCall = 30 });

        var result = await night.RunAsync("--max-concurrency", "2");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(2, night.Simulator.Stats.TokenRequests);
        Assert.Contains(night.Simulator.Stats.Requests, request => request.StatusCode == 401);
        Assert.Equal(120, SimulatedNight.StoredJobs(night.Database).Count);
    }

    [Fact]
    public async Task Run_ShortLivedTokens_AreRenewedBeforeTheyExpire()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60, new FaultOptions { Latency = TimeSpan.FromMilliseconds(60) },
            tokenLifetime: TimeSpan.FromSeconds(1));

        var result = await night.RunAsync("--max-concurrency", "2");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.True(night.Simulator.Stats.TokenRequests >= 2, $"{night.Simulator.Stats.TokenRequests} token requests");
        Assert.Equal(60, SimulatedNight.StoredJobs(night.Database).Count);
    }

    [Fact]
    public async Task Run_ConcurrencyLimitBelowTheBound_LowersConcurrencyAndRejectionsDoNotGrow()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 200,
            new FaultOptions { ConcurrencyLimit = 3, RetryAfterSeconds = 1, Latency = TimeSpan.FromMilliseconds(15) });

        var result = await night.RunAsync("--max-concurrency", "12");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(200, SimulatedNight.StoredJobs(night.Database).Count);
        var stats = night.Simulator.Stats;
        Assert.True(stats.MaxInFlight <= 12 + 1, $"at most 12 fetches (and the token call) may be in flight, saw {stats.MaxInFlight}");
        var summaries = stats.Requests.Where(request => request.JobId is not null).OrderBy(request => request.ReceivedAt).ToList();
        var firstHalf = summaries.Take(summaries.Count / 2).Count(request => request.StatusCode == 429);
        var secondHalf = summaries.Skip(summaries.Count / 2).Count(request => request.StatusCode == 429);
        Assert.True(secondHalf <= firstHalf, $"429s must not grow: {firstHalf} then {secondHalf}");
        Assert.True(stats.TooManyRequests < summaries.Count / 4, $"{stats.TooManyRequests} of {summaries.Count} fetches were rejected");
    }

    [Fact]
    public async Task Run_OneJobAlwaysFails_StoresTheRestNamesItAndExitsThree()
    {
        await using var probe = await SimulatedNight.StartAsync(jobs: 40);
        var broken = probe.Simulator.Jobs[7].Id;
        await using var night = await SimulatedNight.StartAsync(jobs: 40, new FaultOptions { AlwaysFailIds = new HashSet<string> { broken } });

        var result = await night.RunAsync("--max-retries", "2");

        Assert.Equal(ExitCodes.Partial, result.ExitCode);
        Assert.Contains(broken, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
        var stored = SimulatedNight.StoredJobs(night.Database);
        Assert.Equal(39, stored.Count);
        Assert.DoesNotContain(stored, row => row.Contains(broken, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(night.Reports, "failure-rates_2026-10-22_2026-11-20.csv")));
    }

    [Fact]
    public async Task Run_OneJobAlwaysMalformed_IsRetriedThenNamedAndExitsThree()
    {
        await using var probe = await SimulatedNight.StartAsync(jobs: 20);
        var garbled = probe.Simulator.Jobs[3].Id;
        await using var night = await SimulatedNight.StartAsync(jobs: 20, new FaultOptions { AlwaysMalformedIds = new HashSet<string> { garbled } });

        var result = await night.RunAsync("--max-retries", "2");

        Assert.Equal(ExitCodes.Partial, result.ExitCode);
        Assert.Contains(garbled, result.Error, StringComparison.Ordinal);
        Assert.Equal(3, night.Simulator.Stats.Requests.Count(request => request.JobId == garbled));
        Assert.Equal(19, SimulatedNight.StoredJobs(night.Database).Count);
    }

    [Fact]
    public async Task Run_JobDeletedBetweenListAndFetch_IsNotAFailureAndKeepsItsLastKnownState()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20);
        var first = await night.RunAsync();
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        var before = SimulatedNight.StoredJobs(night.Database);
        var deleted = night.Simulator.Jobs[5];
        night.Simulator.UpsertJob(deleted with { Status = "Completed", RowsFailed = 0, RowsSucceeded = deleted.RowCount, LastUpdatedAt = deleted.LastUpdatedAt.AddMinutes(5) });
        night.Simulator.Faults = new FaultOptions { NotFoundIds = new HashSet<string> { deleted.Id } };

        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        var after = SimulatedNight.StoredJobs(night.Database);
        Assert.Equal(before.Single(row => row.Contains(deleted.Id, StringComparison.Ordinal)),
            after.Single(row => row.Contains(deleted.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_ListPageKeepsFailing_ExitsOneAndKeepsTheJobsAlreadyListed()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 250, new FaultOptions { FailListPagesAfter = 1 });

        var result = await night.RunAsync("--max-retries", "2");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("listing the job summaries failed", result.Error, StringComparison.Ordinal);
        // The first page (50 jobs, Zuora's page-size cap) was committed before the second kept failing.
        Assert.Equal(50, SimulatedNight.StoredJobs(night.Database).Count);
    }

    [Fact]
    public async Task Run_HungResponses_AreCutByTheAttemptTimeoutAndRetried()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20,
            new FaultOptions { Seed = 3, HangRate = 0.3, HangDuration = TimeSpan.FromSeconds(30) });

        var result = await night.RunAsync("--attempt-timeout", "0.3");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(20, SimulatedNight.StoredJobs(night.Database).Count);
    }
}
