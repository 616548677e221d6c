using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Store;

/// <summary>Views built from a rule follow this build's rule in every store a run opens, without a migration.</summary>
public sealed class DerivedViewsTests : IDisposable
{
    private const string View = "failure_rates_by_period";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Open_NewStore_ViewIsThisBuildsDefinitionWithTheRuleInside()
    {
        using var connection = StoreDatabase.Open(_folder.File("store.db"));

        var stored = StoredDefinition(connection);
        Assert.Equal(DerivedViews.Definition(Script()), stored);
        Assert.Contains(SqlScripts.Get("rules/failure_rate_groups.sql").TrimEnd(), stored, StringComparison.Ordinal);
    }

    [Fact]
    public void Refresh_ViewsAlreadyCurrent_RecreatesNothing()
    {
        using var connection = StoreDatabase.Open(_folder.File("store.db"));

        Assert.Empty(DerivedViews.Refresh(connection));
    }

    [Fact]
    public void Open_StoreWithAnotherDefinition_GetsThisBuildsBackAndKeepsItsJobs()
    {
        var path = _folder.File("store.db");
        using (var connection = StoreDatabase.Open(path))
        {
            connection.Execute("INSERT INTO bulk_jobs (id, created_at, object_type, job_type, status, rows_succeeded, rows_failed, raw_json, first_seen_at, updated_at) " +
                "VALUES ('a', '2026-01-01T00:00:00Z', 'account', 'Import', 'Completed', 3, 1, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
            connection.Execute($"DROP VIEW {View}; CREATE VIEW {View} AS SELECT 'an older rule' AS period_kind");
        }

        using (var connection = StoreDatabase.Open(path))
        {
            Assert.Equal(DerivedViews.Definition(Script()), StoredDefinition(connection));
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
            connection.Execute($"DROP VIEW {View}; CREATE VIEW {View} AS SELECT 'an older rule' AS period_kind");
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
    public void Embedded_EachFileCreatesTheViewItIsNamedAfter()
    {
        Assert.NotEmpty(DerivedViews.Embedded);
        Assert.All(DerivedViews.Embedded, view =>
        {
            Assert.StartsWith($"CREATE VIEW {view.Name} AS", DerivedViews.Definition(view.Script), StringComparison.Ordinal);
            Assert.Contains($"DROP VIEW IF EXISTS {view.Name};", view.Script, StringComparison.Ordinal);
        });
    }

    private static string Script() => DerivedViews.Embedded.Single(view => view.Name == View).Script;

    private static string? StoredDefinition(SqliteConnection connection) =>
        connection.ExecuteScalar<string?>("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = @View", new { View });
}
