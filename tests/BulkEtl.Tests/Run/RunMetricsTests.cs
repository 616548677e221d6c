using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Run;

/// <summary><c>run --metrics-file</c>: the scheduler's metrics after a success, a partial and a failed night, parsed back.</summary>
public sealed class RunMetricsTests
{
    private const string Outcome = "bulk_etl_last_run_outcome";
    private const string Jobs = "bulk_etl_last_run_jobs";
    private const string LastSuccess = "bulk_etl_last_success_timestamp_seconds";

    [Fact]
    public async Task Run_Succeeded_WritesEveryMetricWithItsCountsAndTheSuccessTime()
    {
        // 150 jobs: the simulated tenant then has jobs that contradict themselves (every 97th and 149th).
        await using var night = await SimulatedNight.StartAsync(jobs: 150);
        var metricsFile = night.Folder.File("metrics/bulk_etl.prom");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        var run = await night.RunAsync("--metrics-file", metricsFile);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var metrics = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile));
        Assert.All(metrics.Types.Values, type => Assert.Equal("gauge", type));
        Assert.Equal((1.0, 0.0, 0.0), (metrics.Value(Outcome, "outcome=succeeded"), metrics.Value(Outcome, "outcome=partial"),
            metrics.Value(Outcome, "outcome=failed")));
        Assert.Equal((150.0, 150.0, 150.0, 0.0, 0.0, 0.0, 0.0), (metrics.Value(Jobs, "kind=listed"), metrics.Value(Jobs, "kind=fetched"),
            metrics.Value(Jobs, "kind=new"), metrics.Value(Jobs, "kind=changed"), metrics.Value(Jobs, "kind=unchanged"),
            metrics.Value(Jobs, "kind=not_found"), metrics.Value(Jobs, "kind=failed")));
        var start = metrics.Value("bulk_etl_last_run_start_timestamp_seconds");
        var end = metrics.Value("bulk_etl_last_run_end_timestamp_seconds");
        Assert.InRange(start, before - 1, end);
        Assert.Equal(end - start, metrics.Value("bulk_etl_last_run_duration_seconds"), 0.01);
        Assert.InRange(metrics.Value(LastSuccess), start - 1, end);
        using var connection = StoreDatabase.OpenReadOnly(night.Database);
        var ledger = new RunLedger(connection, TimeProvider.System).Latest(1).Single();
        Assert.Equal(ledger.Requests, metrics.Value("bulk_etl_last_run_requests"));
        Assert.True(ledger.Requests >= 151);
        Assert.Equal(0.0, metrics.Value("bulk_etl_last_run_retries"));
        Assert.Equal(0.0, metrics.Value("bulk_etl_last_run_too_many_requests"));
        Assert.Equal(ledger.DataQualityIssues, metrics.Value("bulk_etl_last_run_data_quality_flags"));
        Assert.Equal(2L, ledger.DataQualityIssues);
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(metricsFile)!, "*.tmp"));
    }

    [Fact]
    public async Task Run_PartialThenFailed_SaysSoAndKeepsTheLastSuccessTime()
    {
        await using var probe = await SimulatedNight.StartAsync(jobs: 20);
        var broken = probe.Simulator.Jobs[4].Id;
        await using var night = await SimulatedNight.StartAsync(jobs: 20);
        var metricsFile = night.Folder.File("bulk_etl.prom");
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--metrics-file", metricsFile)).ExitCode);
        var success = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile)).Value(LastSuccess);

        // Partial: one job keeps failing.
        var changed = night.Simulator.Jobs.First(job => job.Id == broken);
        night.Simulator.UpsertJob(changed with { LastUpdatedAt = changed.LastUpdatedAt.AddMinutes(5) });
        night.Simulator.Faults = new FaultOptions { AlwaysFailIds = new HashSet<string> { broken } };
        var partial = await night.RunAsync("--metrics-file", metricsFile, "--max-retries", "1");

        Assert.Equal(ExitCodes.Partial, partial.ExitCode);
        var metrics = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile));
        Assert.Equal((0.0, 1.0, 0.0), (metrics.Value(Outcome, "outcome=succeeded"), metrics.Value(Outcome, "outcome=partial"),
            metrics.Value(Outcome, "outcome=failed")));
        Assert.Equal((20.0, 1.0, 19.0), (metrics.Value(Jobs, "kind=listed"), metrics.Value(Jobs, "kind=failed"), metrics.Value(Jobs, "kind=unchanged")));
        Assert.True(metrics.Value("bulk_etl_last_run_retries") >= 1);
        Assert.Equal(success, metrics.Value(LastSuccess));

        // Failed by an exception: the tenant's quota is spent at the first call.
        night.Simulator.Faults = new FaultOptions { QuotaExhaustedAfterCalls = 0, QuotaResetSeconds = 3600 };
        var failed = await night.RunAsync("--metrics-file", metricsFile);

        Assert.Equal(ExitCodes.Failure, failed.ExitCode);
        metrics = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile));
        Assert.Equal((0.0, 0.0, 1.0), (metrics.Value(Outcome, "outcome=succeeded"), metrics.Value(Outcome, "outcome=partial"),
            metrics.Value(Outcome, "outcome=failed")));
        Assert.Equal(0.0, metrics.Value(Jobs, "kind=fetched"));
        Assert.True(metrics.Value("bulk_etl_last_run_too_many_requests") >= 1);
        Assert.Equal(success, metrics.Value(LastSuccess));
    }

    [Fact]
    public async Task Run_RefusedBeforeTheStoreOpens_StillWritesFailedAndKeepsTheLastSuccessFromThePreviousFile()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 5);
        var metricsFile = night.Folder.File("bulk_etl.prom");
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--metrics-file", metricsFile)).ExitCode);
        var success = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile)).Value(LastSuccess);
        var notAStore = night.Folder.File("notes.txt");
        await File.WriteAllTextAsync(notAStore, "not a database");

        var refused = await CliRunner.RunAsync(night.RunArgs("--metrics-file", metricsFile)
            .Select(arg => arg == night.Database ? notAStore : arg).ToArray());

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        var metrics = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile));
        Assert.Equal(1.0, metrics.Value(Outcome, "outcome=failed"));
        Assert.Equal(0.0, metrics.Value(Jobs, "kind=listed"));
        Assert.Equal(success, metrics.Value(LastSuccess));
    }
}
