using System.Globalization;
using System.Text.RegularExpressions;
using BulkEtl.Store;
using BulkEtl.Tests.Report;
using BulkEtl.Tests.TestSupport;
using Dapper;

namespace BulkEtl.Tests.Docs;

/// <summary>README's "top reasons last week" query must run as written over failure_reasons_by_day.</summary>
public sealed partial class ReadmeFailureReasonQueryTests : IDisposable
{
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    private static string Query() => SqlBlock().Matches(RepositoryFiles.Read("README.md"))
        .Select(match => match.Groups[1].Value)
        .Single(sql => sql.Contains("failure_reasons_by_day", StringComparison.Ordinal));

    [Fact]
    public void TopReasonsLastWeek_SumsRowsOfThePreviousIsoWeekOnly()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastWeekMonday = today.AddDays(-7).AddDays(-(((int)today.AddDays(-7).DayOfWeek + 6) % 7));
        string At(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00Z";
        var repository = new FailureReasonRepository(_store.Connection, TimeProvider.System);
        void AddJob(DateOnly day, params StoredFailureReason[] reasons)
        {
            var job = _store.Add(At(day), rowCount: 100, succeeded: 0, failed: reasons.Sum(reason => reason.Rows));
            repository.Store(job.Id, null, FailureReasonRepository.FromErrorFile, reasons.Sum(reason => reason.Rows), reasons);
        }

        var currency = new StoredFailureReason("53100320", "invalid value", "Invalid value for field Currency: <value>", 0);
        var missing = new StoredFailureReason("53100022", "missing field", "Missing required field AccountNumber", 0);
        AddJob(lastWeekMonday, currency with { Rows = 5 }, missing with { Rows = 7 });
        AddJob(lastWeekMonday.AddDays(6), currency with { Rows = 4 });
        AddJob(lastWeekMonday.AddDays(7), missing with { Rows = 100 });   // this week
        AddJob(lastWeekMonday.AddDays(-1), currency with { Rows = 100 }); // the week before

        var rows = _store.Connection.Query<(string Category, string Code, string Reason, long Rows, long Jobs)>(Query()).ToList();

        Assert.Equal(
        [
            ("invalid value", "53100320", "Invalid value for field Currency: <value>", 9L, 2L),
            ("missing field", "53100022", "Missing required field AccountNumber", 7L, 1L),
        ], rows);
    }

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
