using BulkEtl.Model;
using BulkEtl.Extract;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Store;

/// <summary>bulk_job_snapshots: a row per observed change of a job's state, never a repeat, one per job per run.</summary>
public sealed class SnapshotRepositoryTests : IDisposable
{
    private const string JobA = "3a3e85c4-96e7-486b-ae02-827120104301";
    private const string JobB = "3a3e85c4-96e7-486b-ae02-827120104302";
    private static readonly DateTimeOffset Night = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly JobSummary Running = TestData.Job(JobA) with { Status = JobStatuses.InProgress, RowCount = 10 };
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Night);
    private readonly SqliteConnection _connection;
    private readonly SnapshotRepository _snapshots;

    public SnapshotRepositoryTests()
    {
        _connection = StoreDatabase.Open(_folder.File("store.db"));
        _snapshots = new SnapshotRepository(_connection);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Record_FirstSightOfAJob_AddsASnapshot()
    {
        var added = Record(NewRun(), Running);

        Assert.Equal(1, added);
        Assert.Equal([(JobA, "In Progress", 10L, 0L)], Snapshots());
    }

    [Fact]
    public void Record_SameStateInALaterRun_AddsNothing()
    {
        Record(NewRun(), Running);

        var added = Record(NewRun(), Running);

        Assert.Equal(0, added);
        Assert.Single(Snapshots());
    }

    [Fact]
    public void Record_ChangedStateInALaterRun_AddsASnapshot()
    {
        Record(NewRun(), Running);

        var added = Record(NewRun(), Running with { Status = JobStatuses.Completed, RowsSucceeded = 10 }, TestData.Job(JobB));

        Assert.Equal(2, added);
        Assert.Equal([(JobA, "In Progress", 10L, 0L), (JobA, "Completed", 10L, 0L), (JobB, null, null, 0L)], Snapshots());
    }

    [Fact]
    public void Record_TwoStatesInOneRun_KeepsOneSnapshotWithTheLatest()
    {
        var run = NewRun();
        Record(run, Running);

        Record(run, Running with { Status = JobStatuses.Completed });

        Assert.Equal([(JobA, "Completed", 10L, 0L)], Snapshots());
    }

    [Fact]
    public void RecordNotFound_AfterASnapshot_AddsOneNotFoundSnapshotKeepingTheLastState()
    {
        Record(NewRun(), Running);

        Write((run, tx) => _snapshots.RecordNotFound(JobA, run, _time.GetUtcNow(), tx), NewRun());
        Write((run, tx) => _snapshots.RecordNotFound(JobA, run, _time.GetUtcNow(), tx), NewRun());

        Assert.Equal([(JobA, "In Progress", 10L, 0L), (JobA, "In Progress", 10L, 1L)], Snapshots());
    }

    [Fact]
    public void RecordNotFound_JobNeverSeen_AddsNothing()
    {
        Write((run, tx) => _snapshots.RecordNotFound(JobB, run, _time.GetUtcNow(), tx), NewRun());

        Assert.Empty(Snapshots());
    }

    private Guid NewRun()
    {
        _time.Advance(TimeSpan.FromDays(1));
        var run = Guid.NewGuid();
        new RunLedger(_connection, _time).Start(run, "track", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        return run;
    }

    private int Record(Guid run, params JobSummary[] summaries)
    {
        var added = 0;
        Write((id, tx) => added = _snapshots.Record(summaries, id, _time.GetUtcNow(), tx), run);
        return added;
    }

    private void Write(Action<Guid, SqliteTransaction> write, Guid run)
    {
        using var transaction = _connection.BeginTransaction();
        write(run, transaction);
        transaction.Commit();
    }

    private List<(string JobId, string? Status, long? RowCount, long NotFound)> Snapshots() => _connection
        .Query<(string, string?, long?, long)>("SELECT job_id, status, row_count, not_found FROM bulk_job_snapshots ORDER BY job_id, observed_at, id")
        .ToList();
}
