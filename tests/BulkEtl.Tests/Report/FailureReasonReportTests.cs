using System.Globalization;
using BulkEtl.Report;
using BulkEtl.Store;
using Dapper;

namespace BulkEtl.Tests.Report;

/// <summary>The failure-reason CSV and the view failure_reasons_by_day group by one rule and round by the rates' rule.</summary>
public sealed class FailureReasonReportTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 16);
    private static readonly StoredFailureReason Currency = new("53100320", "invalid value", "Invalid value for field Currency: <value>", 0);
    private static readonly StoredFailureReason Missing = new("53100022", "missing field", "Missing required field AccountNumber", 0);
    private readonly ReportStore _store = new();
    private readonly FailureReasonRepository _reasons;

    public FailureReasonReportTests() => _reasons = new FailureReasonRepository(_store.Connection, TimeProvider.System);

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Query_SharesOnATie_RoundHalfAwayFromZeroLikeTheFailureRate()
    {
        AddJob("account", Currency with { Rows = 1 }, Missing with { Rows = 19_999 });

        var rows = FailureReasonReport.Query(_store.Connection, new ReportScope(Day, Day));

        // 19999 / 20000 = 0.99995 and 1 / 20000 = 0.00005: both ties, both away from zero.
        Assert.Equal([("53100022", "1.0000"), ("53100320", "0.0001")],
            rows.Select(row => (row.Code, row.ShareOfFailedRows.ToString("0.0000", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void View_MissingObjectType_IsTheEmptyGroupAsInTheReport()
    {
        AddJob(null, Currency with { Rows = 3 });
        AddJob("", Currency with { Rows = 2 });

        var report = Assert.Single(FailureReasonReport.Query(_store.Connection, new ReportScope(Day, Day)));
        var view = Assert.Single(_store.Connection.Query<(string ObjectType, long Rows, long Jobs)>(
            "SELECT object_type, rows, jobs FROM failure_reasons_by_day"));

        Assert.Equal(("", 5L, 2L), (report.ObjectType, report.Rows, report.Jobs));
        Assert.Equal(("", 5L, 2L), view);
    }

    private void AddJob(string? objectType, params StoredFailureReason[] reasons)
    {
        var failed = reasons.Sum(reason => reason.Rows);
        var job = _store.Add("2026-11-16T10:00:00Z", objectType, rowCount: failed, succeeded: 0, failed: failed);
        _reasons.Store(job.Id, null, FailureReasonRepository.FromErrorFile, failed, reasons);
    }
}
