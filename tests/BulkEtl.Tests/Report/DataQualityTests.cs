using BulkEtl.Report;
using Dapper;

namespace BulkEtl.Tests.Report;

public sealed class DataQualityTests : IDisposable
{
    private static readonly ReportScope Window = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData(100L, 90L, 20L, "Completed", "succeeded_plus_failed_exceeds_row_count")]
    [InlineData(100L, -1L, 0L, "Completed", "negative_count")]
    [InlineData(-5L, null, null, "Completed", "negative_count")]
    [InlineData(100L, 100L, 0L, "Queued", "unknown_status")]
    [InlineData(100L, 100L, 0L, null, "unknown_status")]
    public void Query_ContradictingSummary_IsKeptAndFlaggedWithItsRule(long? rowCount, long? succeeded, long? failed, string? status, string rule)
    {
        var job = _store.Add("2026-11-10T10:00:00Z", status: status, rowCount: rowCount, succeeded: succeeded, failed: failed);

        var issues = DataQualityReport.Query(_store.Connection, Window);

        var issue = Assert.Single(issues);
        Assert.Equal((job.Id, rule), (issue.JobId, issue.Rule));
        Assert.False(string.IsNullOrEmpty(issue.Detail));
        Assert.Equal(1L, _store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_jobs"));
        Assert.Equal(1, DataQualityReport.CountFlaggedJobs(_store.Connection));
    }

    [Fact]
    public void Query_UpdatedBeforeCreated_IsFlagged()
    {
        var job = _store.Add("2026-11-10T10:00:00Z", rowCount: 1, succeeded: 1, failed: 0);
        using (var transaction = _store.Connection.BeginTransaction())
        {
            _store.Connection.Execute("UPDATE bulk_jobs SET last_updated_at = '2026-11-10T09:59:59Z' WHERE id = @Id", new { job.Id }, transaction);
            transaction.Commit();
        }

        var issue = Assert.Single(DataQualityReport.Query(_store.Connection, Window));

        Assert.Equal("updated_before_created", issue.Rule);
        Assert.Contains("2026-11-10T09:59:59Z", issue.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_CleanSummaries_HaveNoIssue()
    {
        _store.Add("2026-11-10T10:00:00Z", rowCount: 100, succeeded: 90, failed: 10);
        _store.Add("2026-11-11T10:00:00Z", status: "Created");
        _store.Add("2026-11-12T10:00:00Z", status: "In Progress", rowCount: 100, succeeded: 10, failed: 0);

        Assert.Empty(DataQualityReport.Query(_store.Connection, Window));
        Assert.Equal(0, DataQualityReport.CountFlaggedJobs(_store.Connection));
    }

    [Fact]
    public async Task DataQualityAsync_WritesTheIssuesInTheWindowAndItsManifest()
    {
        var inside = _store.Add("2026-11-10T10:00:00Z", status: "Queued", rowCount: 3, succeeded: 2, failed: 2);
        _store.Add("2026-10-31T23:59:59Z", status: "Queued");
        var publisher = new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System);

        var files = await publisher.DataQualityAsync(Window, CancellationToken.None);

        var lines = (await File.ReadAllTextAsync(files[0].Path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data-quality_2026-11-01_2026-11-30.csv", Path.GetFileName(files[0].Path));
        Assert.Equal("jobId,rule,detail,objectType,jobType,status,createdAt,rowCount,rowsSucceeded,rowsFailed", lines[0]);
        Assert.Equal(
        [
            $"{inside.Id},succeeded_plus_failed_exceeds_row_count,rowsSucceeded 2 + rowsFailed 2 > rowCount 3,account,Import,Queued,2026-11-10T10:00:00Z,3,2,2",
            $"{inside.Id},unknown_status,\"status \"\"Queued\"\"\",account,Import,Queued,2026-11-10T10:00:00Z,3,2,2",
        ], lines.Skip(1));
        var manifest = ManifestWriter.Read(files[1].Path);
        Assert.Equal((2, 1L), (manifest.Rows, manifest.JobsCounted));
        Assert.Equal(ManifestWriter.Sha256(await File.ReadAllBytesAsync(files[0].Path)), manifest.CsvSha256);
    }
}
