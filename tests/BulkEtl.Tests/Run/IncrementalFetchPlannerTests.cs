using BulkEtl.Model;
using BulkEtl.Extract;
using BulkEtl.Run;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Run;

/// <summary>Which jobs a run asks Zuora for by id, decided against a real store.</summary>
public sealed class IncrementalFetchPlannerTests : IDisposable
{
    private const string Stored = "00000000-0000-0000-0000-000000000001";
    private const string Unknown = "00000000-0000-0000-0000-000000000002";
    private const string StoredRunning = "00000000-0000-0000-0000-000000000003";
    private const string StoredFinished = "00000000-0000-0000-0000-000000000004";
    private static readonly DateTimeOffset Updated = new(2026, 11, 19, 8, 30, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly SqliteConnection _connection;
    private readonly JobRepository _jobs;
    private readonly IncrementalFetchPlanner _planner;

    public IncrementalFetchPlannerTests()
    {
        _connection = StoreDatabase.Open(_folder.File("store.db"));
        _jobs = new JobRepository(_connection, new FakeTimeProvider(Updated.AddDays(1)));
        using (var transaction = _connection.BeginTransaction())
        {
            _jobs.Upsert(
            [
                Summary(Stored, JobStatuses.Completed),
                Summary(StoredRunning, JobStatuses.InProgress),
                Summary(StoredFinished, JobStatuses.Failed),
            ], transaction);
            transaction.Commit();
        }

        _planner = new IncrementalFetchPlanner(_jobs);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task SelectAsync_UnchangedStoredJob_IsNotFetched()
    {
        var selected = await _planner.SelectAsync([Entry(Stored, JobStatuses.Completed)], CancellationToken.None);

        Assert.Empty(selected);
        Assert.Equal(0, _planner.SelectedFromList);
    }

    [Fact]
    public async Task SelectAsync_JobNotInTheStore_IsFetched()
    {
        var selected = await _planner.SelectAsync([Entry(Unknown, JobStatuses.Completed), Entry(Stored, JobStatuses.Completed)], CancellationToken.None);

        Assert.Equal([Unknown], selected);
        Assert.Equal(1, _planner.SelectedFromList);
    }

    public static TheoryData<string, JobListEntry> Changes => new()
    {
        { "status", Entry(Stored, JobStatuses.Completed) with { Status = JobStatuses.Failed } },
        { "row count", Entry(Stored, JobStatuses.Completed) with { RowCount = 101 } },
        { "rows succeeded", Entry(Stored, JobStatuses.Completed) with { RowsSucceeded = 89 } },
        { "rows failed", Entry(Stored, JobStatuses.Completed) with { RowsFailed = 11 } },
        { "last updated", Entry(Stored, JobStatuses.Completed) with { LastUpdatedAt = Updated.AddSeconds(1) } },
        { "last updated gone", Entry(Stored, JobStatuses.Completed) with { LastUpdatedAt = null } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task SelectAsync_StoredJobWhoseEntryChanged_IsFetched(string change, JobListEntry entry)
    {
        var selected = await _planner.SelectAsync([entry], CancellationToken.None);

        Assert.True(selected.SequenceEqual([Stored]), $"a changed {change} must be fetched");
    }

    [Fact]
    public async Task AfterListingAsync_UnfinishedJobTheListingSkipped_IsFetched()
    {
        await _planner.SelectAsync([Entry(Stored, JobStatuses.Completed)], CancellationToken.None);

        var after = await _planner.AfterListingAsync(CancellationToken.None);

        // The finished job the listing skipped is not asked for: it cannot change any more.
        Assert.Equal([StoredRunning], after);
    }

    [Fact]
    public async Task AfterListingAsync_UnfinishedJobTheListingShowed_IsNotFetchedAgain()
    {
        await _planner.SelectAsync([Entry(StoredRunning, JobStatuses.InProgress)], CancellationToken.None);

        var after = await _planner.AfterListingAsync(CancellationToken.None);

        Assert.Empty(after);
    }

    private static JobSummary Summary(string id, string status) => TestData.Job(id) with
    {
        Status = status, RowCount = 100, RowsSucceeded = 90, RowsFailed = 10, LastUpdatedAt = Updated,
    };

    private static JobListEntry Entry(string id, string status) => new(id, null, status, 100, 90, 10, null, Updated);
}
