using BulkEtl.Extract;
using BulkEtl.Model;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Store;

public sealed class JobRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 22, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SqliteConnection _connection;
    private readonly JobRepository _repository;

    public JobRepositoryTests()
    {
        _connection = StoreDatabase.Open(_folder.File("store.db"));
        _repository = new JobRepository(_connection, _time);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Upsert_NewSummary_InsertsRowReadableByFind()
    {
        var sample = TestData.SampleSummary();

        var written = Upsert(sample);

        Assert.Equal(1, written);
        Assert.Equal(1L, _repository.Count());
        Assert.Equal(sample, _repository.Find(TestData.SampleId));
    }

    [Fact]
    public void Upsert_SameSummaryTwice_KeepsOneRowAndUpdatedAt()
    {
        var sample = TestData.SampleSummary();
        Upsert(sample);
        _time.Advance(TimeSpan.FromHours(1));

        var written = Upsert(sample);

        Assert.Equal(0, written);
        Assert.Equal(1L, _repository.Count());
        var (firstSeenAt, updatedAt) = Stamps(TestData.SampleId);
        Assert.Equal("2026-03-01T22:00:00Z", firstSeenAt);
        Assert.Equal("2026-03-01T22:00:00Z", updatedAt);
    }

    [Fact]
    public void Upsert_ChangedSummary_UpdatesValuesAndUpdatedAtOnly()
    {
        var sample = TestData.SampleSummary();
        Upsert(sample);
        _time.Advance(TimeSpan.FromHours(1));
        var finished = sample with { Status = JobStatuses.Completed, RowsSucceeded = 1000, RowsFailed = 0 };

        var written = Upsert(finished);

        Assert.Equal(1, written);
        Assert.Equal(finished, _repository.Find(TestData.SampleId));
        var (firstSeenAt, updatedAt) = Stamps(TestData.SampleId);
        Assert.Equal("2026-03-01T22:00:00Z", firstSeenAt);
        Assert.Equal("2026-03-01T23:00:00Z", updatedAt);
    }

    [Fact]
    public void Upsert_ValueChangedToNull_CountsAsChange()
    {
        var sample = TestData.SampleSummary();
        Upsert(sample);

        var written = Upsert(sample with { FailureReason = null });

        Assert.Equal(1, written);
        Assert.Null(_repository.Find(TestData.SampleId)!.FailureReason);
    }

    [Fact]
    public void Upsert_NullCounts_StayNull()
    {
        Upsert(TestData.Job("a1") with { Status = JobStatuses.Created });

        var types = _connection.QuerySingle<(string, string, string, string)>(
            "SELECT typeof(row_count), typeof(rows_succeeded), typeof(rows_failed), typeof(is_custom_object) FROM bulk_jobs");
        Assert.Equal(("null", "null", "null", "null"), types);
        var found = _repository.Find("a1")!;
        Assert.Null(found.RowCount);
        Assert.Null(found.RowsSucceeded);
        Assert.Null(found.RowsFailed);
        Assert.Null(found.IsCustomObject);
        Assert.Null(found.CreatedAt);
    }

    [Fact]
    public void Upsert_SampleSummary_StoresIsoUtcTextAndIntegers()
    {
        Upsert(TestData.SampleSummary());

        var row = _connection.QuerySingle<(string CreatedAt, string LastUpdatedAt, string Date, long IsCustomObject, string CountType)>(
            "SELECT created_at, last_updated_at, date(created_at), is_custom_object, typeof(row_count) FROM bulk_jobs WHERE id = @id",
            new { id = TestData.SampleId });
        Assert.Equal("2021-02-23T11:54:40Z", row.CreatedAt);
        Assert.Equal("2021-02-23T12:16:20Z", row.LastUpdatedAt);
        Assert.Equal("2021-02-23", row.Date);
        Assert.Equal(0L, row.IsCustomObject);
        Assert.Equal("integer", row.CountType);
        var all = _connection.QuerySingle<(string, string, string, long, long, long, string, string, string, string, string, string)>(
            "SELECT name, created_by, status, row_count, rows_succeeded, rows_failed, object_type, job_type, custom_object_namespace, data_source_type, system_type, file_type FROM bulk_jobs");
        Assert.Equal(("Sample Bulk Job", "admin", "In Progress", 1000L, 800L, 200L, "account", "Import", "default", "UserUpload", "BILLING", "csv"), all);
    }

    [Fact]
    public void Upsert_UnknownField_KeptInRawJson()
    {
        var json = """{"id":"b2","status":"Completed","submittedAt":"2025-01-29T03:02:14Z","futureField":{"nested":[1,2]}}""";

        Upsert(JobSummaryParser.ParseSummary(json));

        var stored = _connection.ExecuteScalar<string>("SELECT raw_json FROM bulk_jobs WHERE id = 'b2'");
        Assert.Equal(json, stored);
        Assert.Equal("2025-01-29T03:02:14Z",
            _connection.ExecuteScalar<string>("SELECT json_extract(raw_json, '$.submittedAt') FROM bulk_jobs"));
        Assert.Equal(json, _repository.Find("b2")!.RawJson);
    }

    [Fact]
    public void Upsert_Batch_WritesEveryJobInCallersTransaction()
    {
        var jobs = Enumerable.Range(1, 250).Select(i => TestData.Job($"job-{i}") with { RowCount = i }).ToList();

        using (var transaction = _connection.BeginTransaction())
        {
            Assert.Equal(250, _repository.Upsert(jobs, transaction));
            Assert.Equal(250L, _repository.Count(transaction));
            transaction.Rollback();
        }

        Assert.Equal(0L, _repository.Count());
    }

    [Fact]
    public void Upsert_EmptyList_WritesNothing()
    {
        using var transaction = _connection.BeginTransaction();

        Assert.Equal(0, _repository.Upsert([], transaction));
    }

    [Fact]
    public void Find_UnknownId_ReturnsNull()
    {
        Assert.Null(_repository.Find("nope"));
    }

    [Fact]
    public void LoadStates_StoredJobs_ReturnsStatePerId()
    {
        Upsert(TestData.SampleSummary(), TestData.Job("a1"));

        var states = _repository.LoadStates([TestData.SampleId, "a1", "never-stored"]);

        Assert.Equal(2, states.Count);
        Assert.Equal(
            new StoredJobState(TestData.SampleId, "In Progress", 1000, 800, 200, "2021-02-23T12:16:20Z"),
            states[TestData.SampleId]);
        Assert.Equal(new StoredJobState("a1", null, null, null, null, null), states["a1"]);
    }

    private int Upsert(params JobSummary[] summaries)
    {
        using var transaction = _connection.BeginTransaction();
        var written = _repository.Upsert(summaries, transaction);
        transaction.Commit();
        return written;
    }

    private (string FirstSeenAt, string UpdatedAt) Stamps(string id) => _connection.QuerySingle<(string, string)>(
        "SELECT first_seen_at, updated_at FROM bulk_jobs WHERE id = @id", new { id });
}
