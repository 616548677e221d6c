using BulkEtl.Model;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Store;

/// <summary>The statuses and every view follow this build in every store a run opens, without a migration.</summary>
public sealed class DerivedSchemaTests : IDisposable
{
    private const string View = "failure_rates_by_period";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Open_NewStore_EveryViewIsThisBuildsDefinition()
    {
        using var connection = StoreDatabase.Open(_folder.File("store.db"));

        Assert.All(DerivedSchema.Views, view => Assert.Equal(view.Definition,
            connection.ExecuteScalar<string?>("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = @Name", new { view.Name })));
        Assert.Equal(DerivedSchema.ViewNames.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'view'"));
    }

    [Fact]
    public void Refresh_StoreAlreadyCurrent_RewritesNothing()
    {
        using var connection = StoreDatabase.Open(_folder.File("store.db"));

        Assert.Empty(DerivedSchema.Refresh(connection));
    }

    [Fact]
    public void Open_StoreWithAnotherDefinition_GetsThisBuildsBackAndKeepsItsJobs()
    {
        var path = _folder.File("store.db");
        using (var connection = StoreDatabase.Open(path))
        {
            AddJob(connection, JobStatuses.Completed);
            ReplaceViewWithAnOlderOne(connection);
        }

        using (var connection = StoreDatabase.Open(path))
        {
            Assert.Equal(Definition(), StoredDefinition(connection));
            Assert.Equal(0.25, connection.ExecuteScalar<double>("SELECT failure_rate FROM daily_failure_rates WHERE day = '2026-01-01'"));
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_jobs"));
        }
    }

    [Fact]
    public void OpenReadOnly_StoreWithAnotherDefinition_LeavesItAsItIs()
    {
        var path = _folder.File("store.db");
        using (var connection = StoreDatabase.Open(path))
        {
            ReplaceViewWithAnOlderOne(connection);
        }

        var before = File.ReadAllBytes(path);
        using (var connection = StoreDatabase.OpenReadOnly(path))
        {
            Assert.Equal($"CREATE VIEW {View} AS SELECT 'an older rule' AS period_kind", StoredDefinition(connection));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_NewStore_StatusTableIsJobStatuses()
    {
        using var connection = StoreDatabase.Open(_folder.File("store.db"));

        AssertStatusTableIsJobStatuses(connection);
    }

    [Fact]
    public void Open_StoreWhoseStatusesDiffer_GetsJobStatusesBackAndTheReportFollows()
    {
        var path = _folder.File("store.db");
        using (var connection = StoreDatabase.Open(path))
        {
            AddJob(connection, JobStatuses.Failed);
            connection.Execute("UPDATE job_statuses SET is_failed = 0, is_final = 0 WHERE status = 'Failed'; DELETE FROM job_statuses WHERE status = 'Aborted'; " +
                "INSERT INTO job_statuses VALUES ('Invented', 1, 1)");
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT jobs_failed FROM daily_failure_rates"));
        }

        using (var connection = StoreDatabase.Open(path))
        {
            AssertStatusTableIsJobStatuses(connection);
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT jobs_failed FROM daily_failure_rates"));
        }
    }

    [Fact]
    public void Views_EachFileIsTheOneCreateStatementOfTheViewItIsNamedAfter()
    {
        Assert.NotEmpty(DerivedSchema.Views);
        Assert.All(DerivedSchema.Views, view =>
        {
            Assert.StartsWith($"CREATE VIEW {view.Name} AS", view.Definition, StringComparison.Ordinal);

            // The CREATE statement ends the file: anything after its semicolon would make the stored definition differ
            // from the file's forever, and every run would re-create the view.
            Assert.EndsWith(view.Definition + ";", view.Script.TrimEnd(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Open_StoreWithAViewDroppedUnderAnother_GetsItBackAndTheViewOverItReadsIt()
    {
        var path = _folder.File("store.db");
        using (var connection = StoreDatabase.Open(path))
        {
            AddJob(connection, JobStatuses.Completed);
            connection.Execute("DROP VIEW job_states_reported");
        }

        using (var connection = StoreDatabase.Open(path))
        {
            Assert.Equal(0.25, connection.ExecuteScalar<double>("SELECT failure_rate FROM daily_failure_rates WHERE day = '2026-01-01'"));
        }
    }

    /// <summary>A job of 2026-01-01 with 3 rows succeeded and 1 failed.</summary>
    private static void AddJob(SqliteConnection connection, string status)
    {
        var job = TestData.Job("a") with
        {
            CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Status = status,
            RowsSucceeded = 3,
            RowsFailed = 1,
        };
        using var transaction = connection.BeginTransaction();
        new JobRepository(connection, TimeProvider.System).Upsert([job], transaction);
        transaction.Commit();
    }

    private static void ReplaceViewWithAnOlderOne(SqliteConnection connection) =>
        connection.Execute($"DROP VIEW {View}; CREATE VIEW {View} AS SELECT 'an older rule' AS period_kind");

    private static void AssertStatusTableIsJobStatuses(SqliteConnection connection)
    {
        var rows = connection.Query<(string Status, long IsFinal, long IsFailed)>("SELECT status, is_final, is_failed FROM job_statuses").ToList();

        Assert.Equal(JobStatuses.All.Order(StringComparer.Ordinal), rows.Select(row => row.Status).Order(StringComparer.Ordinal));
        Assert.Equal(JobStatuses.Final.Order(StringComparer.Ordinal), rows.Where(row => row.IsFinal == 1).Select(row => row.Status).Order(StringComparer.Ordinal));
        Assert.Equal([JobStatuses.Failed], rows.Where(row => row.IsFailed == 1).Select(row => row.Status));
    }

    private static string Definition() => DerivedSchema.Views.Single(view => view.Name == View).Definition;

    private static string? StoredDefinition(SqliteConnection connection) =>
        connection.ExecuteScalar<string?>("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = @View", new { View });
}
