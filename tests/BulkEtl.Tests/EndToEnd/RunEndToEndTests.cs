using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.EndToEnd;

/// <summary>The whole night over real loopback HTTP: simulator → client → SQLite → CSV.</summary>
public sealed class RunEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Database => _folder.File("bulk.db");

    private string Reports => Path.Combine(_folder.Path, "reports");

    private static Task<ZuoraSimulator> StartAsync(int jobs = 300, FaultOptions? faults = null) =>
        ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = jobs, Seed = 7, Days = 30, Now = Now, Faults = faults ?? new FaultOptions() });

    private string[] RunArgs(ZuoraSimulator simulator, params string[] extra) =>
    [
        "run", "--base-url", simulator.BaseUrl.ToString(), "--client-id", simulator.Options.ClientId,
        "--client-secret", simulator.Options.ClientSecret, "--db", Database, "--out", Reports,
        "--from", "2026-10-22", "--to", "2026-11-20", "--log-level", "warning", .. extra,
    ];

    [Fact]
    public async Task Run_AgainstTheSimulator_StoresEveryJobAndReportsTheSimulatorsNumbers()
    {
        await using var simulator = await StartAsync();

        var result = await CliRunner.RunAsync(RunArgs(simulator));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var report = Path.Combine(Reports, "failure-rates_2026-10-22_2026-11-20.csv");
        var lines = (await File.ReadAllTextAsync(report)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExpectedReport.Header, lines[0]);
        var expected = ExpectedReport.FailureRateLines(simulator.Jobs, new DateOnly(2026, 10, 22), new DateOnly(2026, 11, 20));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, lines.Skip(1).ToList());
    }

    [Fact]
    public async Task Run_AgainstTheSimulator_StoresEachJobWithTheSimulatorsValues()
    {
        await using var simulator = await StartAsync();

        var result = await CliRunner.RunAsync(RunArgs(simulator));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var connection = StoreDatabase.Open(Database);
        var repository = new JobRepository(connection, TimeProvider.System);
        Assert.Equal(simulator.Jobs.Count, repository.Count());
        foreach (var job in simulator.Jobs)
        {
            var stored = repository.Find(job.Id);
            Assert.NotNull(stored);
            Assert.Equal(
                (job.Status, job.RowCount, job.RowsSucceeded, job.RowsFailed, job.ObjectType, job.JobType, job.Name),
                (stored.Status, stored.RowCount, stored.RowsSucceeded, stored.RowsFailed, stored.ObjectType, stored.JobType, stored.Name));
            Assert.Equal(job.CreatedAt.ToUnixTimeSeconds(), stored.CreatedAt!.Value.ToUnixTimeSeconds());
            Assert.Equal(job.LastUpdatedAt.ToUnixTimeSeconds(), stored.LastUpdatedAt!.Value.ToUnixTimeSeconds());
            Assert.Equal(job.IsCustomObject, stored.IsCustomObject);
        }
    }

    [Fact]
    public async Task Run_AgainstTheSimulator_SendsOneTrackIdGzipAndTheTenantHeaders()
    {
        await using var simulator = await StartAsync(jobs: 20);

        var result = await CliRunner.RunAsync(RunArgs(simulator, "--entity-id", "8ad08e8a-7f1b-4e2c-9d3a-1b2c3d4e5f60", "--org-ids", "org-a,org-b"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var dataCalls = simulator.Stats.Requests.Where(request => request.Path.StartsWith("/bulk-data", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(dataCalls);
        var trackIds = dataCalls.Select(request => request.TrackId).Distinct().ToList();
        var trackId = Assert.Single(trackIds);
        Assert.NotNull(trackId);
        Assert.True(BulkEtl.Extract.TrackId.IsValid(trackId));
        Assert.All(dataCalls, request => Assert.True(request.GzipAccepted));
        Assert.All(dataCalls, request => Assert.Equal("8ad08e8a-7f1b-4e2c-9d3a-1b2c3d4e5f60", request.EntityIds));
        Assert.All(dataCalls, request => Assert.Equal("org-a,org-b", request.OrgIds));
    }

    [Fact]
    public async Task Run_WithJobIds_FetchesOnlyThoseJobs()
    {
        await using var simulator = await StartAsync(jobs: 50);
        var chosen = simulator.Jobs.Take(2).Select(job => job.Id).ToArray();

        var result = await CliRunner.RunAsync(RunArgs(simulator, "--job-id", chosen[0], "--job-id", chosen[1]));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(0, simulator.Stats.ListRequests);
        Assert.Equal(2, simulator.Stats.SummaryRequests);
        using var connection = StoreDatabase.Open(Database);
        Assert.Equal(2, new JobRepository(connection, TimeProvider.System).Count());
    }

    [Fact]
    public async Task Run_WrongClientSecret_ExitsTwoWithoutStoringOrLeakingTheSecret()
    {
        await using var simulator = await StartAsync(jobs: 5);

        var result = await CliRunner.RunAsync("run", "--base-url", simulator.BaseUrl.ToString(), "--client-id", simulator.Options.ClientId,
            "--client-secret", "wrong-secret-value", "--db", Database, "--out", Reports, "--log-level", "none");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("client credentials", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", result.Error + result.Output, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public async Task Run_WrongStaticToken_ExitsTwo()
    {
        await using var simulator = await StartAsync(jobs: 5);

        var result = await CliRunner.RunAsync("run", "--base-url", simulator.BaseUrl.ToString(), "--token", "not-a-valid-token",
            "--db", Database, "--out", Reports, "--log-level", "none");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_AfterARun_RebuildsTheSameFileFromTheStoreAlone()
    {
        await using var simulator = await StartAsync(jobs: 100);
        var run = await CliRunner.RunAsync(RunArgs(simulator));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var file = Path.Combine(Reports, "failure-rates_2026-10-22_2026-11-20.csv");
        var fromRun = await File.ReadAllBytesAsync(file);
        await simulator.DisposeAsync();

        // An empty folder: the run's own file must not be what the comparison reads.
        var rebuilt = Path.Combine(_folder.Path, "rebuilt");

        var report = await CliRunner.RunAsync("report", "--db", Database, "--out", rebuilt, "--from", "2026-10-22", "--to", "2026-11-20");

        Assert.True(report.ExitCode == ExitCodes.Success, report.Error);
        var fromReport = Path.Combine(rebuilt, Path.GetFileName(file));
        Assert.True(File.Exists(fromReport), "report must write the failure-rate file itself");
        Assert.Equal(fromRun, await File.ReadAllBytesAsync(fromReport));
    }
}
