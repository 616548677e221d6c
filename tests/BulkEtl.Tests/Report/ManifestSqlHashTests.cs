using BulkEtl.Report;
using BulkEtl.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Report;

/// <summary>
/// A manifest hashes the SQL files its report reads, from a list beside the report. The lists are checked here against
/// the store itself: with only its listed views the report runs, and without any one of them it cannot.
/// </summary>
public sealed class ManifestSqlHashTests : IDisposable
{
    private static readonly ReportScope Window = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
    private readonly ReportStore _store = new();

    public ManifestSqlHashTests() => _store.Add("2026-11-10T10:00:00Z", rowCount: 10, succeeded: 9, failed: 1);

    public void Dispose() => _store.Dispose();

    public static TheoryData<string> Reports() => ["failure-rates", "trend", "data-quality", "failure-reasons"];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task SqlFiles_OnlyTheListedViewsLeft_ReportStillWrites(string report)
    {
        var (files, publish) = Report(report);
        foreach (var view in DerivedSchema.ViewNames.Where(view => !files.Contains(DerivedSchema.ViewFile(view))))
        {
            _store.Connection.Execute($"DROP VIEW {view}");
        }

        var written = await publish(new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System));

        Assert.Equal(ManifestWriter.Sha256(System.Text.Encoding.UTF8.GetBytes(ManifestWriter.Sql(files))), ManifestWriter.Read(written[1].Path).SqlSha256);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task SqlFiles_AnyListedViewMissing_ReportCannotRun(string report)
    {
        var (files, publish) = Report(report);
        var listed = files.Where(file => file.StartsWith("views/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(listed);
        foreach (var file in listed)
        {
            _store.Connection.Execute($"DROP VIEW {Path.GetFileNameWithoutExtension(file)}");

            await Assert.ThrowsAsync<SqliteException>(() => publish(new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System)));

            DerivedSchema.Refresh(_store.Connection);
        }
    }

    [Fact]
    public void SqlFiles_EveryReport_ListsTheStatesSelectionAndItsQueriesFirst()
    {
        Assert.Equal([ReportStates.File, FailureRateQuery.File], FailureRateReport.SqlFiles.Take(2));
        Assert.Equal([ReportStates.File, FailureRateQuery.File, FailureRateQuery.ChartLinesFile], FailureRateTrendReport.SqlFiles.Take(3));
        Assert.Equal([ReportStates.File, DataQualityReport.QueryFile], DataQualityReport.SqlFiles.Take(2));
        Assert.Equal([ReportStates.File, FailureReasonReport.QueryFile, FailureReasonReport.JobsQueryFile], FailureReasonReport.SqlFiles.Take(3));
    }

    private static (IReadOnlyList<string> Files, Func<ReportPublisher, Task<IReadOnlyList<PublishedFile>>> Publish) Report(string report) => report switch
    {
        "failure-rates" => (FailureRateReport.SqlFiles, publisher => publisher.FailureRatesAsync(Window, CancellationToken.None)),
        "trend" => (FailureRateTrendReport.SqlFiles, publisher => publisher.TrendAsync(Window, TrendPeriod.Day, CancellationToken.None)),
        "data-quality" => (DataQualityReport.SqlFiles, publisher => publisher.DataQualityAsync(Window, CancellationToken.None)),
        _ => (FailureReasonReport.SqlFiles, publisher => publisher.FailureReasonsAsync(Window, CancellationToken.None)),
    };
}
