using BulkEtl.Model;
using BulkEtl.Report;
using BulkEtl.Store;
using Dapper;

namespace BulkEtl.Tests.Report;

public sealed class FailureRateReportQueryTests : IDisposable
{
    private static readonly DateOnly From = new(2021, 2, 23);
    private static readonly DateOnly To = new(2021, 2, 24);
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Query_SeveralGroups_OneRowPerObjectAndJobType()
    {
        _store.Add("2021-02-23T01:00:00Z", "account", "Import", rowCount: 10, succeeded: 8, failed: 2);
        _store.Add("2021-02-23T02:00:00Z", "account", "Import", rowCount: 5, succeeded: 5, failed: 0);
        _store.Add("2021-02-23T03:00:00Z", "account", "Update", rowCount: 4, succeeded: 1, failed: 3);
        _store.Add("2021-02-24T04:00:00Z", "contact", "Import", rowCount: 1, succeeded: 0, failed: 1);

        var rows = FailureRateReport.Query(_store.Connection, From, To);

        Assert.Equal(
        [
            Group("account", "Import", 2, 0, 15, 13, 2, 0.1333),
            Group("account", "Update", 1, 0, 4, 1, 3, 0.75),
            Group("contact", "Import", 1, 0, 1, 0, 1, 1),
        ], rows);
    }

    [Fact]
    public void Query_Statuses_JobsFailedCountsOnlyFailed()
    {
        string[] statuses = [JobStatuses.Failed, JobStatuses.Failed, JobStatuses.Completed, JobStatuses.Aborted, JobStatuses.Cancelled, "failed", "Failed "];
        foreach (var status in statuses)
        {
            _store.Add("2021-02-23T10:00:00Z", status: status);
        }

        _store.Add("2021-02-23T10:00:00Z", status: null);

        var row = Assert.Single(FailureRateReport.Query(_store.Connection, From, To));

        Assert.Equal(8, row.Jobs);
        Assert.Equal(2, row.JobsFailed);
    }

    [Fact]
    public void Query_NullCounts_AddAsZero()
    {
        _store.Add("2021-02-23T10:00:00Z", rowCount: 10, succeeded: 6, failed: 4);
        _store.Add("2021-02-23T11:00:00Z", rowCount: null, succeeded: null, failed: null);
        _store.Add("2021-02-23T12:00:00Z", rowCount: 5, succeeded: null, failed: 1);

        var row = Assert.Single(FailureRateReport.Query(_store.Connection, From, To));

        Assert.Equal(Group("account", "Import", 3, 0, 15, 6, 5, 0.4545), row);
    }

    [Fact]
    public void Query_OnlyNullCounts_SumsAreZeroAndRateEmpty()
    {
        _store.Add("2021-02-23T11:00:00Z", status: JobStatuses.Created);

        var row = Assert.Single(FailureRateReport.Query(_store.Connection, From, To));

        Assert.Equal(Group("account", "Import", 1, 0, 0, 0, 0, null), row);
    }

    [Fact]
    public void Query_DayWindow_IsUtcAndInclusiveOfBothDates()
    {
        _store.Add("2021-02-22T23:59:59Z", "before");
        _store.Add("2021-02-23T00:00:00Z", "first-instant");
        _store.Add("2021-02-24T23:59:59Z", "last-second");
        _store.Add("2021-02-25T00:00:00Z", "after");
        _store.Add("2021-02-25T00:30:00+01:00", "last-day-in-utc"); // 2021-02-24T23:30:00Z
        _store.Add("2021-02-22T23:30:00-01:00", "first-day-in-utc"); // 2021-02-23T00:30:00Z

        var rows = FailureRateReport.Query(_store.Connection, From, To);

        Assert.Equal(["first-day-in-utc", "first-instant", "last-day-in-utc", "last-second"], rows.Select(row => row.ObjectType));
    }

    [Fact]
    public void Query_SingleDay_FromEqualsTo()
    {
        _store.Add("2021-02-23T12:00:00Z", "in");
        _store.Add("2021-02-24T00:00:00Z", "out");

        var rows = FailureRateReport.Query(_store.Connection, From, From);

        Assert.Equal(["in"], rows.Select(row => row.ObjectType));
    }

    [Fact]
    public void Query_JobWithoutCreatedAt_IsNotInAnyWindow()
    {
        var job = _store.Add("2021-02-23T12:00:00Z", "dated");
        _store.Connection.Execute("UPDATE bulk_jobs SET created_at = NULL WHERE id = @Id", new { job.Id });

        Assert.Empty(FailureRateReport.Query(_store.Connection, DateOnly.MinValue, new DateOnly(9998, 12, 31)));
    }

    /// <summary>
    /// Past 4·10^14 processed rows the views used to fall back to round() on a double, which takes the tie 0.00015 for
    /// 0.0001; the one rule divides in integers all the way: 0.0002, in the CSV and in the view alike.
    /// </summary>
    [Fact]
    public void Rate_TieBeyondFourHundredTrillionRows_IsRoundedExactlyInReportAndView()
    {
        const long cap = 1_000_000_000_000;
        const long failed = 60_000_000_003; // processed = 20000·m with m = 2·10^10 + 1, failed = 3m: exactly 0.00015
        for (var i = 0; i < 399; i++)
        {
            _store.Add("2021-02-23T12:00:00Z", succeeded: cap, failed: 0);
        }

        _store.Add("2021-02-23T12:00:00Z", succeeded: cap - failed + 20_000, failed: failed);

        var report = Assert.Single(FailureRateReport.Query(_store.Connection, From, To));
        var view = _store.Connection.ExecuteScalar<double>("SELECT failure_rate FROM daily_failure_rates");

        Assert.Equal(400_000_000_020_000, report.RowsSucceeded + report.RowsFailed);
        Assert.Equal("0.0002", report.FailureRate!.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.0002, view);
    }

    [Theory]
    [InlineData(2, 1, "0.3333")]         // 1/3
    [InlineData(1, 2, "0.6667")]         // 2/3
    [InlineData(17531, 2469, "0.1235")]  // 0.12345: midpoint, away from zero (to-even would give 0.1234)
    [InlineData(19999, 1, "0.0001")]     // 0.00005: midpoint, away from zero (to-even would give 0.0000)
    [InlineData(4, 1, "0.2000")]
    [InlineData(0, 7, "1.0000")]
    [InlineData(7, 0, "0.0000")]
    public void Query_Rate_RoundedToFourDecimalsAwayFromZero(long succeeded, long failed, string expected)
    {
        _store.Add("2021-02-23T12:00:00Z", succeeded: succeeded, failed: failed);

        var row = Assert.Single(FailureRateReport.Query(_store.Connection, From, To));

        Assert.Equal(expected, row.FailureRate!.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), row.FailureRate);
    }

    [Fact]
    public void Query_NothingProcessed_RateIsNull()
    {
        _store.Add("2021-02-23T12:00:00Z", rowCount: 100, succeeded: 0, failed: 0);

        var row = Assert.Single(FailureRateReport.Query(_store.Connection, From, To));

        Assert.Null(row.FailureRate);
        Assert.Equal(100, row.RowCount);
    }

    [Fact]
    public void Query_MissingTypes_GroupedUnderEmptyAndSortedFirst()
    {
        _store.Add("2021-02-23T12:00:00Z", "account", "Import");
        _store.Add("2021-02-23T12:00:00Z", null, "Import");
        _store.Add("2021-02-23T12:00:00Z", "", "Import");
        _store.Add("2021-02-23T12:00:00Z", "account", null);
        _store.Add("2021-02-23T12:00:00Z", "account", "");
        _store.Add("2021-02-23T12:00:00Z", null, null);

        var rows = FailureRateReport.Query(_store.Connection, From, To);

        Assert.Equal(
            [("", "", 1L), ("", "Import", 2L), ("account", "", 2L), ("account", "Import", 1L)],
            rows.Select(row => (row.ObjectType, row.JobType, row.Jobs)));
    }

    [Fact]
    public void Query_MixedCase_OrdinalOrder()
    {
        _store.Add("2021-02-23T12:00:00Z", "alpha", "import");
        _store.Add("2021-02-23T12:00:00Z", "Zeta", "Import");
        _store.Add("2021-02-23T12:00:00Z", "alpha", "Import");
        _store.Add("2021-02-23T12:00:00Z", "Éclair", "Import");
        _store.Add("2021-02-23T12:00:00Z", "_under", "Import");

        var rows = FailureRateReport.Query(_store.Connection, From, To);

        Assert.Equal(
            [("Zeta", "Import"), ("_under", "Import"), ("alpha", "Import"), ("alpha", "import"), ("Éclair", "Import")],
            rows.Select(row => (row.ObjectType, row.JobType)));
    }

    [Fact]
    public void CountedStatesSql_DayWindow_UsesCreatedDayIndex()
    {
        var plan = _store.Connection.Query<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + SqlScripts.Get(ReportStates.File),
            new ReportScope(new DateOnly(2021, 2, 23), new DateOnly(2021, 2, 24)).Parameters());

        Assert.Contains(plan, step => step.Detail.Contains("ix_bulk_jobs_created_day", StringComparison.Ordinal));
    }

    [Fact]
    public void Query_FromAfterTo_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => FailureRateReport.Query(_store.Connection, To, From));

        Assert.Contains("2021-02-24", exception.Message, StringComparison.Ordinal);
        Assert.Contains("2021-02-23", exception.Message, StringComparison.Ordinal);
    }

    private static FailureRateRow Group(string objectType, string jobType, long jobs, long jobsFailed, long rowCount, long succeeded, long failed, double? rate) =>
        new() { ObjectType = objectType, JobType = jobType, Jobs = jobs, JobsFailed = jobsFailed, RowCount = rowCount, RowsSucceeded = succeeded, RowsFailed = failed, FailureRate = rate };
}
