using BulkEtl.Model;
using BulkEtl.Report;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;

namespace BulkEtl.Tests.Report;

/// <summary>The data-quality list covers what its manifest says: the as-of state, or settled jobs only.</summary>
public sealed class DataQualityScopeTests : IDisposable
{
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = new(2026, 11, 30);
    private static readonly DateTimeOffset FirstNight = new(2026, 11, 20, 2, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondNight = FirstNight.AddDays(1);
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task DataQualityAsync_AsOfBetweenTwoNights_ListsTheIssuesOfThatStateOnly()
    {
        // A: contradictory on the first night, fixed on the second. B: clean on the first night, unknown status now.
        var a = Job("a", JobStatuses.Completed, 10, 20, 0);
        var b = Job("b", JobStatuses.InProgress, 10, 0, 0);
        Observe(FirstNight, a, b);
        a = a with { RowsSucceeded = 10 };
        b = b with { Status = "Queued" };
        Observe(SecondNight, a, b);

        var asOf = await PublishAsync(new ReportScope(From, To, AsOf: FirstNight.AddHours(4)));
        var now = await PublishAsync(new ReportScope(From, To));

        Assert.Equal([("a", "succeeded_plus_failed_exceeds_row_count", "20")], asOf);
        Assert.Equal([("b", "unknown_status", "0")], now);
    }

    [Fact]
    public async Task DataQualityAsync_SettledOnly_ListsOnlyJobsInAFinalStatus()
    {
        var settled = Job("settled", JobStatuses.Completed, -1, 0, 0);
        var running = Job("running", JobStatuses.InProgress, -1, 0, 0);
        Observe(FirstNight, settled, running);

        var settledOnly = await PublishAsync(new ReportScope(From, To, SettledOnly: true));
        var all = await PublishAsync(new ReportScope(From, To));

        Assert.Equal([("settled", "negative_count", "0")], settledOnly);
        Assert.Equal(["running", "settled"], all.Select(issue => issue.JobId).Order(StringComparer.Ordinal));
    }

    private static JobSummary Job(string id, string status, long rowCount, long succeeded, long failed) => TestData.Job(id) with
    {
        CreatedAt = new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(2026, 11, 10, 11, 0, 0, TimeSpan.Zero),
        Status = status,
        RowCount = rowCount,
        RowsSucceeded = succeeded,
        RowsFailed = failed,
    };

    /// <summary>What a night stores: the current state and, for each change, a snapshot.</summary>
    private void Observe(DateTimeOffset night, params JobSummary[] jobs)
    {
        var connection = _store.Connection;
        var runId = Guid.NewGuid();
        using var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO etl_runs (id, started_at, track_id) VALUES (@Id, @StartedAt, 'test')",
            new { Id = runId.ToString("D"), StartedAt = StoreTime.ToText(night) }, transaction);
        new JobRepository(connection, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(night)).Upsert(jobs, transaction);
        new SnapshotRepository(connection).Record(jobs, runId, night, transaction);
        transaction.Commit();
    }

    /// <returns>(jobId, rule, rowsSucceeded as listed) of each issue.</returns>
    private async Task<List<(string JobId, string Rule, string RowsSucceeded)>> PublishAsync(ReportScope scope)
    {
        var publisher = new ReportPublisher(_store.Connection, Path.Combine(_store.OutputFolder, Guid.NewGuid().ToString("N")), TimeProvider.System);
        var files = await publisher.DataQualityAsync(scope, CancellationToken.None);
        var manifest = ManifestWriter.Read(files[1].Path);
        Assert.Equal((scope.AsOf is null, scope.SettledOnly), (manifest.AsOf is null, manifest.SettledOnly));
        return (await File.ReadAllLinesAsync(files[0].Path)).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (cells[0], cells[1], cells[^2]))
            .ToList();
    }
}
