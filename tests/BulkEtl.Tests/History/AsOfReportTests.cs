using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.History;

/// <summary>--as-of rebuilds a report as the store knew it; --settled-only leaves out jobs that may still move.</summary>
public sealed class AsOfReportTests
{
    private const string Report = "failure-rates_2026-10-22_2026-11-20.csv";
    private static readonly DateTimeOffset FirstNight = new(2026, 11, 20, 2, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Report_AsOfBetweenTwoRuns_RebuildsTheFirstRunsNumbersFromSnapshots()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 80);
        var first = await CliRunner.RunAsync(new ShiftedTimeProvider(FirstNight), night.RunArgs());
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        var firstReport = await File.ReadAllBytesAsync(Path.Combine(night.Reports, Report));
        foreach (var job in night.Simulator.Jobs.Where(job => job.Status is "In Progress" or "Submitted").Take(5))
        {
            night.Simulator.UpsertJob(job with
            {
                Status = "Failed", RowCount = 500, RowsSucceeded = 100, RowsFailed = 400, LastUpdatedAt = job.LastUpdatedAt.AddHours(1),
            });
        }

        var second = await CliRunner.RunAsync(new ShiftedTimeProvider(FirstNight.AddDays(1)), night.RunArgs());
        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        var secondReport = await File.ReadAllBytesAsync(Path.Combine(night.Reports, Report));
        Assert.NotEqual(firstReport, secondReport);

        var asOf = Path.Combine(night.Folder.Path, "as-of");
        var rebuilt = await CliRunner.RunAsync("report", "--db", night.Database, "--out", asOf,
            "--from", "2026-10-22", "--to", "2026-11-20", "--as-of", "2026-11-20T06:00:00Z");
        var now = Path.Combine(night.Folder.Path, "now");
        var current = await CliRunner.RunAsync("report", "--db", night.Database, "--out", now, "--from", "2026-10-22", "--to", "2026-11-20");

        Assert.Equal(ExitCodes.Success, rebuilt.ExitCode);
        Assert.Equal(firstReport, await File.ReadAllBytesAsync(Path.Combine(asOf, Report)));
        Assert.Equal(ExitCodes.Success, current.ExitCode);
        Assert.Equal(secondReport, await File.ReadAllBytesAsync(Path.Combine(now, Report)));
    }

    [Fact]
    public async Task Report_AsOfBeforeAnyRun_IsHeaderOnly()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20);
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync(new ShiftedTimeProvider(FirstNight), night.RunArgs())).ExitCode);

        var result = await CliRunner.RunAsync("report", "--db", night.Database, "--out", night.Reports,
            "--from", "2026-10-22", "--to", "2026-11-20", "--as-of", "2026-11-19T00:00:00Z");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, Report))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([ExpectedReport.Header], lines);
    }

    [Fact]
    public async Task Report_SettledOnly_CountsOnlyJobsInAFinalStatus()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 150);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);

        var result = await CliRunner.RunAsync("report", "--db", night.Database, "--out", night.Reports,
            "--from", "2026-10-22", "--to", "2026-11-20", "--settled-only");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var settled = night.Simulator.Jobs.Where(job => job.Status is "Completed" or "Failed" or "Aborted" or "Cancelled");
        var expected = ExpectedReport.FailureRateLines(settled, new DateOnly(2026, 10, 22), new DateOnly(2026, 11, 20));
        var lines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, Report))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, lines.Skip(1).ToList());
    }

    [Theory]
    [InlineData("2026-11-20")]
    [InlineData("2026-11-20T06:00:00")]
    [InlineData("yesterday")]
    public async Task Report_AsOfWithoutAnOffset_ExitsTwo(string value)
    {
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(folder.File("x.db"), []);

        var result = await CliRunner.RunAsync("report", "--db", folder.File("x.db"), "--out", folder.Path, "--as-of", value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--as-of", result.Error, StringComparison.Ordinal);
    }
}
