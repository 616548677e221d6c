using BulkEtl.Cli;
using BulkEtl.Report;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.EndToEnd;

/// <summary>The analyst files of a night, checked against the simulator's own tenant.</summary>
public sealed class TrendEndToEndTests
{
    private static readonly DateOnly From = new(2026, 10, 22);
    private static readonly DateOnly To = new(2026, 11, 20);

    [Fact]
    public async Task Run_WritesTheDailyTrendWithTheSimulatorsNumbersDayByDay()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 300);

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var lines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, "failure-rate-trend_day_2026-10-22_2026-11-20.csv")))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate", lines[0]);
        Assert.Equal(ExpectedReport.TrendLines(night.Simulator.Jobs, From, To, byWeek: false), lines.Skip(1).ToList());
        Assert.Equal((1200, 600), PngHeader.Read(await File.ReadAllBytesAsync(Path.Combine(night.Reports, "failure-rate-trend_day_2026-10-22_2026-11-20.png"))));
    }

    [Fact]
    public async Task Trend_ByWeek_GivesTheSimulatorsNumbersWeekByWeek()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 300);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);

        var result = await CliRunner.RunAsync("trend", "--db", night.Database, "--out", night.Reports,
            "--from", "2026-10-22", "--to", "2026-11-20", "--by", "week");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var lines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, "failure-rate-trend_week_2026-10-22_2026-11-20.csv")))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExpectedReport.TrendLines(night.Simulator.Jobs, From, To, byWeek: true), lines.Skip(1).ToList());
        Assert.True(File.Exists(Path.Combine(night.Reports, "failure-rate-trend_week_2026-10-22_2026-11-20.svg")));
    }

    [Fact]
    public async Task Run_EveryCsvHasAManifestMatchingItsBytes_AndDataQualityIsCounted()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 300);

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var connection = StoreDatabase.Open(night.Database);
        var run = new RunLedger(connection, TimeProvider.System).Latest(1).Single();
        var csvFiles = Directory.GetFiles(night.Reports, "*.csv");
        Assert.Equal(5, csvFiles.Length); // failure rates, daily trend, data quality, failure reasons, anomalies
        foreach (var csv in csvFiles)
        {
            var manifest = ManifestWriter.Read(csv + ManifestWriter.Suffix);
            var bytes = await File.ReadAllBytesAsync(csv);
            Assert.Equal(ManifestWriter.Sha256(bytes), manifest.CsvSha256);
            Assert.Equal((await File.ReadAllTextAsync(csv)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1, manifest.Rows);
            Assert.Equal((run.Id, "2026-10-22", "2026-11-20"), (manifest.RunId, manifest.Window.From, manifest.Window.To));
        }

        var contradicting = night.Simulator.Jobs.Count(job =>
            job.Status is not ("Created" or "Submitted" or "In Progress" or "Aborting" or "Completed" or "Failed" or "Aborted" or "Cancelled" or "Downloading")
            || (job.RowCount >= 0 && (job.RowsSucceeded ?? 0) + (job.RowsFailed ?? 0) > job.RowCount));
        Assert.True(contradicting > 0, "the simulated tenant should carry a few contradicting summaries");
        Assert.Equal(contradicting, run.DataQualityIssues);
        var qualityLines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, "data-quality_2026-10-22_2026-11-20.csv")))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(qualityLines.Length > 1);
    }
}
