using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Run;

/// <summary>
/// Issue 8's defects, one test each, against the simulator over real loopback HTTP: the exit code, the message, and
/// the store compared before and after. One odd answer costs one job; an incomplete listing fails the night.
/// </summary>
public sealed class HostileAnswersTests
{
    [Fact]
    public async Task Run_GatewayNotFoundOnEveryPath_ExitsTwoAndChangesNoStoredJob()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        var before = StoreState.All(night.Database);
        night.Simulator.Faults = new FaultOptions { NotFoundEverywhere = true };

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains(night.Simulator.BaseUrl.ToString(), result.Error, StringComparison.Ordinal);
        Assert.Contains("oauth/token", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, StoreState.All(night.Database));
    }

    [Fact]
    public async Task Run_NotFoundOnTheSecondListPage_FailsTheListingKeepsTheFirstPageAndMarksNothingDeleted()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 120, new FaultOptions { ListNotFoundAtPage = 2 });

        var result = await night.RunAsync("--max-retries", "1");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.Error);
        Assert.Contains("incomplete", result.Error, StringComparison.Ordinal);
        Assert.Equal(50, StoreState.Jobs(night.Database).Count);
        Assert.DoesNotContain(StoreState.RunJobs(night.Database), row => row.Contains("not_found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ListPageWithoutADataArray_FailsTheListing()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 120, new FaultOptions { ListPageWithoutDataAt = 2 });

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Failure, result.Error);
        Assert.Contains("\"data\" array", result.Error, StringComparison.Ordinal);
        Assert.Equal(50, StoreState.Jobs(night.Database).Count);
        Assert.Equal(1, night.Simulator.Stats.Requests.Count(request => request.Path.EndsWith("/summaries", StringComparison.Ordinal)
                                                                         && request.Query?.Contains("cursor", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Run_TenantWhosePageCapIsBelowFifty_AsksForLessAndStoresEverything()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 90, configure: options => options with { MaxPageSize = 20 });

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(90, StoreState.Jobs(night.Database).Count);
        var limits = night.Simulator.Stats.Requests.Where(request => request.Path.EndsWith("/summaries", StringComparison.Ordinal))
            .Select(request => request.Query!.Split('&')[0].TrimStart('?')).Distinct().ToList();
        Assert.Equal(["limit=50", "limit=25", "limit=12"], limits);
    }

    [Fact]
    public async Task Run_IdsThatAreNotUuids_AreFetchedAndStoredExactlyAsZuoraGaveThem()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 80, configure: options => options with { NonUuidIdShare = 0.4 });
        var ids = night.Simulator.Jobs.Select(job => job.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(ids, id => !Guid.TryParse(id, out _));

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var connection = Open(night.Database);
        Assert.Equal(ids, connection.Query<string>("SELECT id FROM bulk_jobs").Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Run_QuotaSpent_StopsAtOnceCommitsWhatWasFetchedAndTheNextRunResumes()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 200, new FaultOptions { QuotaExhaustedAfterCalls = 60, QuotaResetSeconds = 3600 });
        var started = DateTimeOffset.UtcNow;

        var result = await night.RunAsync("--max-concurrency", "4");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.Error);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(30), "a spent quota must end the night at once");
        Assert.Contains("quota", result.Error, StringComparison.Ordinal);
        Assert.Contains("UTC", result.Error, StringComparison.Ordinal);
        // Calls already in flight may still meet the spent quota; none is sent after BulkEtl has seen it.
        Assert.InRange(night.Simulator.Stats.QuotaRefusals, 1, 4);
        var stored = StoreState.Jobs(night.Database).Count;
        Assert.InRange(stored, 40, 60);

        night.Simulator.Faults = new FaultOptions();
        var next = await night.RunAsync();

        Assert.True(next.ExitCode == ExitCodes.Success, next.Error);
        Assert.Equal(200, StoreState.Jobs(night.Database).Count);
    }

    [Fact]
    public async Task Run_OneBadListEntryOfEachKind_CostsOnlyThatEntryAndKeepsItAsEvidence()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 70);
        var jobs = night.Simulator.Jobs;
        var raw = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [jobs[3].Id] = $$"""{"id":"{{jobs[3].Id}}","status":"Completed","createdAt":253402300800000}""",
            [jobs[10].Id] = $$"""{"id":"{{jobs[10].Id}}","status":"Completed","createdAt":-5}""",
            [jobs[20].Id] = $$"""{"id":"{{jobs[20].Id}}","status":"Completed","rowCount":"abc"}""",
            [jobs[30].Id] = $$"""{"id":"{{jobs[30].Id}}","name":"bad \q escape","status":"Completed"}""",
            [jobs[60].Id] = """{"name":"an entry with no id","status":"Completed"}""",
        };
        night.Simulator.Faults = new FaultOptions { RawListEntries = raw };

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.Contains("without a readable job id", result.Error, StringComparison.Ordinal);
        var expected = jobs.Select(job => job.Id).Where(id => id != jobs[60].Id).Order(StringComparer.Ordinal).ToList();
        using var connection = Open(night.Database);
        Assert.Equal(expected, connection.Query<string>("SELECT id FROM bulk_jobs").Order(StringComparer.Ordinal).ToList());
        var evidence = connection.Query<(string Source, string? JobId, string Evidence)>(
            "SELECT source, job_id, evidence FROM etl_run_rejected_records").ToList();
        Assert.Equal(5, evidence.Count);
        Assert.All(evidence, row => Assert.Equal("list", row.Source));
        Assert.Single(evidence, row => row.JobId is null && row.Evidence.Contains("an entry with no id", StringComparison.Ordinal));
        var runs = await CliRunner.RunAsync("runs", "--db", night.Database);
        Assert.Contains("unreadable list record without a job id", runs.Output, StringComparison.Ordinal);
        Assert.Contains($"unreadable list record of job {jobs[30].Id}", runs.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SummaryOfTheWrongShape_IsNamedNotRetriedAndTheRestIsStored()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 40);
        var bad = night.Simulator.Jobs[7].Id;
        night.Simulator.Faults = new FaultOptions
        {
            RawSummaries = new Dictionary<string, string>(StringComparer.Ordinal) { [bad] = $$"""{"id":"{{bad}}","rowCount":"lots"}""" },
        };

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.Contains($"job {bad} could not be fetched", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, night.Simulator.Stats.Requests.Count(request => request.JobId == bad));
        Assert.Equal(39, StoreState.Jobs(night.Database).Count);
        using var connection = Open(night.Database);
        Assert.Equal("summary", connection.ExecuteScalar<string>("SELECT source FROM etl_run_rejected_records WHERE job_id = @bad", new { bad }));
    }

    [Fact]
    public async Task Run_SummaryCarryingAnotherJobsId_IsAFailedFetchThatOverwritesNothing()
    {
        await using var clean = await SimulatedNight.StartAsync(jobs: 40);
        Assert.Equal(ExitCodes.Success, (await clean.RunAsync()).ExitCode);
        await using var night = await SimulatedNight.StartAsync(jobs: 40);
        var misrouted = night.Simulator.Jobs[5].Id;
        night.Simulator.Faults = new FaultOptions { WrongIdIds = new HashSet<string>(StringComparer.Ordinal) { misrouted } };

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.Contains($"job {misrouted} could not be fetched", result.Error, StringComparison.Ordinal);
        Assert.Contains("another job", result.Error, StringComparison.Ordinal);
        var cleanRows = SimulatedNight.StoredJobs(clean.Database).Where(row => !row.Contains(misrouted, StringComparison.Ordinal)).ToList();
        Assert.Equal(cleanRows, SimulatedNight.StoredJobs(night.Database));
    }

    [Fact]
    public async Task Run_GzipBodyInflatingPastTheCap_CostsThatJobOnly()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 30);
        var bomb = night.Simulator.Jobs[4].Id;
        night.Simulator.Faults = new FaultOptions
        {
            OversizedBodyIds = new HashSet<string>(StringComparer.Ordinal) { bomb },
            OversizedBodyBytes = 16L * 1024 * 1024,
        };

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.Contains($"job {bomb} could not be fetched", result.Error, StringComparison.Ordinal);
        Assert.Contains("larger than", result.Error, StringComparison.Ordinal);
        Assert.Equal(29, StoreState.Jobs(night.Database).Count);
    }

    [Fact]
    public async Task Run_TokenEndpointRedirects_ExitsTwoAndTheCredentialsReachNoOtherHost()
    {
        await using var elsewhere = await SimulatedNight.StartAsync(jobs: 1);
        await using var night = await SimulatedNight.StartAsync(jobs: 10,
            new FaultOptions { TokenRedirectTo = new Uri(elsewhere.Simulator.BaseUrl, "oauth/token") });

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains("307", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, elsewhere.Simulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task Run_HostileErrorReasons_ReachTheTerminalAndTheLedgerClippedAndClean()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20);
        var failing = night.Simulator.Jobs[2].Id;
        night.Simulator.Faults = new FaultOptions
        {
            HostileErrorReasons = true,
            AlwaysFailIds = new HashSet<string>(StringComparer.Ordinal) { failing },
        };

        var result = await night.RunAsync("--max-retries", "1");

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.DoesNotContain('\u001b', result.Error);
        Assert.All(result.Error.Split('\n'), line =>
        {
            Assert.True(line.Length < 1000, $"a line of {line.Length} characters");
            Assert.DoesNotContain(line.TrimEnd('\r'), char.IsControl);
        });
        using var connection = Open(night.Database);
        var reason = connection.ExecuteScalar<string>("SELECT reason FROM etl_run_jobs WHERE job_id = @failing", new { failing })!;
        Assert.True(reason.Length < 600, $"a reason of {reason.Length} characters");
        Assert.DoesNotContain(reason, char.IsControl);
    }

    [Fact]
    public async Task Run_TokenLifetimeSentAsAString_IsHonoured()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20, new FaultOptions { TokenExpiresInJson = "\"3599\"" });

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(1, night.Simulator.Stats.TokenRequests);
    }

    [Fact]
    public async Task Run_ShortLivedTokensUnderAConcurrencyLimitAndRetryAfterWaits_EndWell()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 150,
            new FaultOptions { ConcurrencyLimit = 2, RetryAfterSeconds = 1, Latency = TimeSpan.FromMilliseconds(20) },
            tokenLifetime: TimeSpan.FromSeconds(2));

        var result = await night.RunAsync("--max-concurrency", "8");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(150, StoreState.Jobs(night.Database).Count);
        Assert.True(night.Simulator.Stats.TokenRequests > 1, "the run outlived its first token");
    }

    private static SqliteConnection Open(string database) =>
        new(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
}
