using System.Globalization;
using System.Text.RegularExpressions;
using BulkEtl.Report;
using BulkEtl.Tests.Report;
using BulkEtl.Tests.TestSupport;
using Dapper;

namespace BulkEtl.Tests.Docs;

/// <summary>The trend queries README shows must run as written and give the numbers they claim.</summary>
public sealed partial class ReadmeTrendQueriesTests : IDisposable
{
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    private static IReadOnlyList<string> Queries() => SqlBlock().Matches(RepositoryFiles.Read("README.md"))
        .Select(match => match.Groups[1].Value)
        .Where(sql => sql.Contains("_failure_rates", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public void Readme_ShowsThreeTrendQueries() => Assert.Equal(3, Queries().Count);

    [Fact]
    public void WorstObjectTypesLastWeek_RanksByFailureRateOfThePreviousIsoWeek()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastWeekMonday = today.AddDays(-7).AddDays(-(((int)today.AddDays(-7).DayOfWeek + 6) % 7));
        string At(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00Z";
        _store.Add(At(lastWeekMonday), objectType: "invoice", rowCount: 100, succeeded: 50, failed: 50);
        _store.Add(At(lastWeekMonday.AddDays(6)), objectType: "account", rowCount: 100, succeeded: 90, failed: 10);
        _store.Add(At(lastWeekMonday.AddDays(7)), objectType: "usage", rowCount: 100, succeeded: 0, failed: 100);   // this week
        _store.Add(At(lastWeekMonday.AddDays(-1)), objectType: "payment", rowCount: 100, succeeded: 0, failed: 100); // the week before

        var rows = _store.Connection.Query<(string ObjectType, long RowsFailed, long RowsProcessed, double FailureRate)>(Queries()[0]).ToList();

        Assert.Equal([("invoice", 50L, 100L, 0.5), ("account", 10L, 100L, 0.1)], rows);
    }

    [Fact]
    public void WeekOverWeekChange_ComparesEachWeekWithThePreviousOne()
    {
        _store.Add("2026-11-02T10:00:00Z", rowCount: 10, succeeded: 9, failed: 1);   // week of 11-02: 0.1
        _store.Add("2026-11-09T10:00:00Z", rowCount: 10, succeeded: 7, failed: 3);   // week of 11-09: 0.3
        _store.Add("2026-11-09T11:00:00Z", jobType: "Update", rowCount: 10, succeeded: 0, failed: 10);

        var rows = _store.Connection.Query<(string Week, long Jobs, double FailureRate, double? Change)>(Queries()[1]).ToList();

        Assert.Equal([("2026-11-02", 1L, 0.1, (double?)null), ("2026-11-09", 1L, 0.3, 0.2)], rows);
    }

    [Fact]
    public void FailureRateByJobTypePerMonth_SumsRowsAcrossObjectTypes()
    {
        _store.Add("2026-10-31T23:00:00Z", objectType: "account", rowCount: 10, succeeded: 10, failed: 0);
        _store.Add("2026-11-01T00:00:00Z", objectType: "account", rowCount: 10, succeeded: 5, failed: 5);
        _store.Add("2026-11-20T00:00:00Z", objectType: "invoice", rowCount: 30, succeeded: 30, failed: 0);
        _store.Add("2026-11-21T00:00:00Z", jobType: "Delete", rowCount: 4, succeeded: 1, failed: 3);

        var rows = _store.Connection.Query<(string Month, string JobType, long Jobs, long RowsFailed, double FailureRate)>(Queries()[2]).ToList();

        Assert.Equal([("2026-10", "Import", 1L, 0L, 0.0), ("2026-11", "Delete", 1L, 3L, 0.75), ("2026-11", "Import", 2L, 5L, 0.125)], rows);
    }

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
