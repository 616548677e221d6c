using System.Text;
using BulkEtl.Report;
using Dapper;

namespace BulkEtl.Tests.Report;

/// <summary>A count outside 0..10^12 is kept, flagged, and counted as 0, so no sum can overflow.</summary>
public sealed class CountRangeTests : IDisposable
{
    private const long Huge = 5_000_000_000_000_000_000;
    private static readonly ReportScope Window = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Reports_TwoJobsWithCountsNearFiveQuintillion_SucceedWithTheSaneSumsExact()
    {
        var sane = _store.Add("2026-11-10T10:00:00Z", rowCount: 100, succeeded: 90, failed: 10);
        _store.Add("2026-11-10T11:00:00Z", rowCount: 1_000_000_000_000, succeeded: 999_999_999_999, failed: 1);
        var huge1 = _store.Add("2026-11-10T12:00:00Z", rowCount: Huge, succeeded: 3, failed: Huge);
        var huge2 = _store.Add("2026-11-10T13:00:00Z", rowCount: Huge, succeeded: 4, failed: Huge);
        var publisher = new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System);

        var report = await publisher.FailureRatesAsync(Window, CancellationToken.None);
        var trend = await publisher.TrendAsync(Window, TrendPeriod.Day, CancellationToken.None);
        var quality = await publisher.DataQualityAsync(Window, CancellationToken.None);

        // rowCount 100 + 10^12; succeeded 90 + (10^12 - 1) + 3 + 4; failed 10 + 1 (the huge ones count as 0).
        Assert.Equal("account,Import,4,0,1000000000100,1000000000096,11,0.0000", Lines(report[0].Path)[1]);
        Assert.Equal("2026-11-10,account,Import,4,0,1000000000100,1000000000096,11,0.0000", Lines(trend[0].Path)[1]);
        Assert.True(new FileInfo(trend[2].Path).Length > 0, "the chart is drawn");
        var flagged = Lines(quality[0].Path).Skip(1).Select(line => line.Split(',')[..2]).ToList();
        Assert.Equal([[huge1.Id, "count_out_of_range"], [huge2.Id, "count_out_of_range"]], flagged);
        Assert.DoesNotContain(sane.Id, File.ReadAllText(quality[0].Path), StringComparison.Ordinal);
        Assert.Equal(Huge, _store.Connection.ExecuteScalar<long>("SELECT row_count FROM bulk_jobs WHERE id = @Id", new { huge1.Id }));
    }

    [Theory]
    [InlineData("daily_failure_rates")]
    [InlineData("weekly_failure_rates")]
    [InlineData("monthly_failure_rates")]
    public void AnalystView_CountsOutOfRange_CountedAsZero(string view)
    {
        _store.Add("2026-11-10T10:00:00Z", rowCount: 100, succeeded: 90, failed: 10);
        _store.Add("2026-11-10T12:00:00Z", rowCount: Huge, succeeded: Huge, failed: 5);
        _store.Add("2026-11-10T13:00:00Z", rowCount: Huge, succeeded: Huge, failed: -7);

        var row = _store.Connection.QuerySingle<(long Jobs, long RowCount, long RowsSucceeded, long RowsFailed, double FailureRate)>(
            $"SELECT jobs, row_count, rows_succeeded, rows_failed, failure_rate FROM {view}");

        Assert.Equal((3L, 100L, 90L, 15L, 0.1429), row);
    }

    [Theory]
    [InlineData(1_000_000_000_001L, 0L, 0L, "count_out_of_range")]
    [InlineData(10L, 1_000_000_000_001L, 0L, "count_out_of_range")]
    [InlineData(10L, 0L, long.MaxValue, "count_out_of_range")]
    [InlineData(10L, -1L, 0L, "negative_count")]
    [InlineData(-1L, 20L, 0L, "negative_count")]
    public void Query_OneFaultyCount_FlaggedOnceWithOneRule(long rowCount, long succeeded, long failed, string rule)
    {
        var job = _store.Add("2026-11-10T10:00:00Z", rowCount: rowCount, succeeded: succeeded, failed: failed);

        var issue = Assert.Single(DataQualityReport.Query(_store.Connection, Window));

        Assert.Equal((job.Id, rule), (issue.JobId, issue.Rule));
    }

    private static string[] Lines(string path) => File.ReadAllText(path, Encoding.UTF8).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}
