using System.Globalization;
using System.Xml.Linq;
using BulkEtl.Report;
using BulkEtl.Tests.TestSupport;
using Dapper;

namespace BulkEtl.Tests.Report;

public sealed class TrendReportTests : IDisposable
{
    private static readonly ReportScope November = new(new DateOnly(2026, 11, 14), new DateOnly(2026, 12, 1));
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    private void AddEdgeCases()
    {
        _store.Add("2026-11-13T23:59:59Z", rowCount: 10, succeeded: 10, failed: 0);                     // before the window
        _store.Add("2026-11-14T00:00:00Z", rowCount: 10, succeeded: 9, failed: 1);                      // Saturday, first day
        _store.Add("2026-11-15T23:59:59Z", status: "Failed", rowCount: 10, succeeded: 5, failed: 5);    // Sunday: week of 11-09
        _store.Add("2026-11-16T00:00:00Z", rowCount: 4, succeeded: 3, failed: 1);                       // Monday: week of 11-16
        _store.Add("2026-11-16T12:00:00Z", jobType: "Update", rowCount: 3, succeeded: 3, failed: 0);
        _store.Add("2026-11-30T08:00:00Z", status: "In Progress", rowCount: 6, succeeded: 1, failed: 2);  // Monday
        _store.Add("2026-12-01T23:59:59Z", objectType: "invoice", rowCount: 2, succeeded: 0, failed: 0); // Tuesday, last day
        _store.Add("2026-12-02T00:00:00Z", rowCount: 10, succeeded: 0, failed: 10);                     // after the window
    }

    [Fact]
    public void Query_ByDay_OneRowPerDayAndGroupWithTheReportsRules()
    {
        AddEdgeCases();

        var rows = FailureRateTrendReport.Query(_store.Connection, November, TrendPeriod.Day);

        Assert.Equal(
        [
            "2026-11-14,account,Import,1,0,10,9,1,0.1000",
            "2026-11-15,account,Import,1,1,10,5,5,0.5000",
            "2026-11-16,account,Import,1,0,4,3,1,0.2500",
            "2026-11-16,account,Update,1,0,3,3,0,0.0000",
            "2026-11-30,account,Import,1,0,6,1,2,0.6667",
            "2026-12-01,invoice,Import,1,0,2,0,0,",
        ], rows.Select(Line));
    }

    [Fact]
    public void Query_ByWeek_GroupsByTheMondayOfTheIsoWeekAcrossAMonthEnd()
    {
        AddEdgeCases();

        var rows = FailureRateTrendReport.Query(_store.Connection, November, TrendPeriod.Week);

        Assert.Equal(
        [
            "2026-11-09,account,Import,2,1,20,14,6,0.3000",
            "2026-11-16,account,Import,1,0,4,3,1,0.2500",
            "2026-11-16,account,Update,1,0,3,3,0,0.0000",
            "2026-11-30,account,Import,1,0,6,1,2,0.6667",
            "2026-11-30,invoice,Import,1,0,2,0,0,",
        ], rows.Select(Line));
    }

    [Fact]
    public void Query_SettledOnly_LeavesOutUnfinishedJobs()
    {
        AddEdgeCases();

        var rows = FailureRateTrendReport.Query(_store.Connection, November with { SettledOnly = true }, TrendPeriod.Week);

        Assert.DoesNotContain(rows, row => row.Period == "2026-11-30" && row.ObjectType == "account");
    }

    [Theory]
    [InlineData("daily_failure_rates", "day", TrendPeriod.Day)]
    [InlineData("weekly_failure_rates", "week", TrendPeriod.Week)]
    public void Views_SameData_GiveTheTrendsNumbers(string view, string period, TrendPeriod by)
    {
        AddEdgeCases();
        var trend = FailureRateTrendReport.Query(_store.Connection, November, by).Select(Line).ToList();

        var fromView = _store.Connection.Query<(string Period, string ObjectType, string JobType, long Jobs, long JobsFailed, long RowCount, long RowsSucceeded, long RowsFailed, double? FailureRate)>(
                $"SELECT {period}, object_type, job_type, jobs, jobs_failed, row_count, rows_succeeded, rows_failed, failure_rate FROM {view} " +
                $"WHERE {period} BETWEEN @From AND @To ORDER BY 1, 2, 3",
                new { From = by == TrendPeriod.Week ? "2026-11-09" : "2026-11-14", To = "2026-12-01" })
            .Select(row => string.Join(',', row.Period, row.ObjectType, row.JobType, row.Jobs, row.JobsFailed, row.RowCount, row.RowsSucceeded,
                row.RowsFailed, row.FailureRate?.ToString("0.0000", CultureInfo.InvariantCulture) ?? ""))
            .ToList();

        // The views see whole weeks; the trend only the window's days, so compare inside the window's weeks.
        if (by == TrendPeriod.Week)
        {
            Assert.Contains("2026-11-09,account,Import,3,1,30,24,6,0.2000", fromView);
            fromView.Remove("2026-11-09,account,Import,3,1,30,24,6,0.2000");
            trend.Remove("2026-11-09,account,Import,2,1,20,14,6,0.3000");
            Assert.Contains("2026-11-30,account,Import,2,0,16,1,12,0.9231", fromView);
            fromView.Remove("2026-11-30,account,Import,2,0,16,1,12,0.9231");
            trend.Remove("2026-11-30,account,Import,1,0,6,1,2,0.6667");
        }

        Assert.Equal(trend, fromView);
    }

    [Fact]
    public async Task TrendAsync_WritesCsvManifestAndAChartOfTheExpectedSize()
    {
        AddEdgeCases();
        var publisher = new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System, runId: "run-1");

        var files = await publisher.TrendAsync(November, TrendPeriod.Week, CancellationToken.None);

        Assert.Equal(
        [
            "failure-rate-trend_week_2026-11-14_2026-12-01.csv", "failure-rate-trend_week_2026-11-14_2026-12-01.csv.manifest.json",
            "failure-rate-trend_week_2026-11-14_2026-12-01.png", "failure-rate-trend_week_2026-11-14_2026-12-01.svg",
        ], files.Select(file => Path.GetFileName(file.Path)));
        Assert.Equal((1200, 600), PngHeader.Read(await File.ReadAllBytesAsync(files[2].Path)));
        Assert.Equal("svg", XDocument.Load(files[3].Path).Root!.Name.LocalName);
        var csv = await File.ReadAllBytesAsync(files[0].Path);
        var manifest = ManifestWriter.Read(files[1].Path);
        Assert.Equal(ManifestWriter.Sha256(csv), manifest.CsvSha256);
        Assert.Equal(5, manifest.Rows);
        Assert.Equal(6, manifest.JobsCounted);
        Assert.Equal(("2026-11-14", "2026-12-01", "week", "run-1"), (manifest.Window.From, manifest.Window.To, manifest.By, manifest.RunId));
        Assert.Equal(ManifestWriter.Sha256(System.Text.Encoding.UTF8.GetBytes(ManifestWriter.Sql(FailureRateTrendReport.SqlFiles))), manifest.SqlSha256);
        Assert.Empty(Directory.EnumerateFiles(_store.OutputFolder, "*.tmp"));
    }

    [Fact]
    public async Task TrendAsync_EmptyWindow_WritesAHeaderOnlyCsvAndAValidChart()
    {
        var publisher = new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System);

        var files = await publisher.TrendAsync(November, TrendPeriod.Day, CancellationToken.None);

        Assert.Equal(["period,objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate"],
            (await File.ReadAllTextAsync(files[0].Path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((1200, 600), PngHeader.Read(await File.ReadAllBytesAsync(files[2].Path)));
    }

    private static string Line(FailureRateRow row) => string.Join(',', row.Period, row.ObjectType, row.JobType, row.Jobs, row.JobsFailed,
        row.RowCount, row.RowsSucceeded, row.RowsFailed, row.FailureRate?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "");
}
