using BulkEtl.Model;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Report;

/// <summary>A real store in a temp folder, with a terse way to add jobs for report tests.</summary>
public sealed class ReportStore : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly JobRepository _repository;
    private int _next;

    public ReportStore()
    {
        Connection = StoreDatabase.Open(_folder.File("store.db"));
        _repository = new JobRepository(Connection, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        OutputFolder = Path.Combine(_folder.Path, "reports");
    }

    public SqliteConnection Connection { get; }

    public string OutputFolder { get; }

    public JobSummary Add(
        string createdAt,
        string? objectType = "account",
        string? jobType = "Import",
        string? status = JobStatuses.Completed,
        long? rowCount = null,
        long? succeeded = null,
        long? failed = null)
    {
        var job = TestData.Job($"job-{++_next}") with
        {
            CreatedAt = DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture),
            ObjectType = objectType,
            JobType = jobType,
            Status = status,
            RowCount = rowCount,
            RowsSucceeded = succeeded,
            RowsFailed = failed,
        };
        using var transaction = Connection.BeginTransaction();
        _repository.Upsert([job], transaction);
        transaction.Commit();
        return job;
    }

    public void Dispose()
    {
        Connection.Dispose();
        _folder.Dispose();
    }
}
