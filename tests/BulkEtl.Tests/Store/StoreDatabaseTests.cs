using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Store;

public sealed class StoreDatabaseTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SqlScripts_Names_UseForwardSlashesRelativeToSqlFolder()
    {
        Assert.Contains("0001_init.sql", SqlScripts.Names);
        Assert.Contains("queries/failure_rates.sql", SqlScripts.Names);
        Assert.Contains("CREATE TABLE bulk_jobs", SqlScripts.Get("0001_init.sql"), StringComparison.Ordinal);
    }

    [Fact]
    public void SqlScripts_UnknownName_ThrowsNamingIt()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SqlScripts.Get("queries/nope.sql"));
        Assert.Contains("sql/queries/nope.sql", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewFile_AppliesMigrationsAndRecordsThem()
    {
        using var connection = Open(_folder.File("store.db"));

        Assert.Equal(Migration.Embedded.Count, UserVersion(connection));
        var rows = connection.Query<(long Version, string Name, string AppliedAt, string Sha256)>(
            "SELECT version, name, applied_at, sha256 FROM schema_migrations ORDER BY version").ToList();
        Assert.Equal((1L, "init", "2026-01-02T03:04:05Z", Migration.Embedded[0].Sha256), rows[0]);
        Assert.Matches("^[0-9a-f]{64}$", rows[0].Sha256);
        Assert.Equal(Migration.Embedded.Count, rows.Count);
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_jobs"));
    }

    [Fact]
    public void Open_MissingParentFolder_CreatesIt()
    {
        var path = Path.Combine(_folder.Path, "a", "b", "store.db");

        using var connection = StoreDatabase.Open(path);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Open_Reopened_AppliesNothingAgain()
    {
        var path = _folder.File("store.db");
        Open(path).Dispose();
        _time.Advance(TimeSpan.FromDays(1));

        using var connection = Open(path);

        Assert.Equal(Migration.Embedded.Count, UserVersion(connection));
        var appliedAt = connection.Query<string>("SELECT applied_at FROM schema_migrations").ToList();
        Assert.Equal(Migration.Embedded.Count, appliedAt.Count);
        Assert.All(appliedAt, value => Assert.Equal("2026-01-02T03:04:05Z", value));
    }

    [Fact]
    public void Open_DatabaseNewerThanCode_ThrowsStoreException()
    {
        var path = _folder.File("store.db");
        Open(path).Dispose();
        SetUserVersion(path, 99);

        var exception = Assert.Throws<StoreException>(() => Open(path));

        Assert.Contains("version 99", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Open_NewFile_SetsWalAndPragmas()
    {
        using var connection = Open(_folder.File("store.db"));

        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("PRAGMA synchronous")); // NORMAL
        Assert.Equal((long)StoreDatabase.BusyTimeout.TotalMilliseconds, connection.ExecuteScalar<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public void Open_TextFile_ThrowsWithoutChangingIt()
    {
        var path = _folder.File("notes.db");
        var bytes = "id,name\nthis is not a database, it is a CSV someone renamed\n"u8.ToArray();
        File.WriteAllBytes(path, bytes);

        var exception = Assert.Throws<StoreException>(() => Open(path));

        Assert.Contains("not a SQLite database", exception.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(["notes.db"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Open_FailingMigration_RollsBackToPreviousVersion()
    {
        var path = _folder.File("store.db");
        OpenAtFirstVersion(path).Dispose();
        var broken = new Migration(2, "broken", "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);");
        IReadOnlyList<Migration> migrations = [Migration.Embedded[0], broken];

        var exception = Assert.Throws<StoreException>(() => StoreDatabase.Open(path, migrations, _time, CancellationToken.None));

        Assert.Contains("0002_broken", exception.Message, StringComparison.Ordinal);
        using var connection = OpenAtFirstVersion(path);
        Assert.Equal(1, UserVersion(connection));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'half_done'"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void Open_FailingFirstMigration_LeavesEmptyDatabase()
    {
        var path = _folder.File("store.db");
        IReadOnlyList<Migration> migrations = [new Migration(1, "broken", "CREATE TABLE t (x INTEGER); SELECT * FROM nope;")];

        Assert.Throws<StoreException>(() => StoreDatabase.Open(path, migrations, _time, CancellationToken.None));

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Equal(0, UserVersion(connection));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'"));
    }

    [Fact]
    public void Open_AppliedMigrationChanged_ThrowsStoreException()
    {
        var path = _folder.File("store.db");
        OpenAtFirstVersion(path).Dispose();
        IReadOnlyList<Migration> edited = [Migration.Embedded[0] with { Sql = Migration.Embedded[0].Sql + "\n-- edited" }];

        var exception = Assert.Throws<StoreException>(() => StoreDatabase.Open(path, edited, _time, CancellationToken.None));

        Assert.Contains("0001_init", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migration_Load_GapInVersions_Throws()
    {
        string[] names = ["0001_init.sql", "0003_later.sql", "queries/x.sql"];

        Assert.Throws<InvalidOperationException>(() => Migration.Load(names, _ => "SELECT 1;"));
    }

    private SqliteConnection OpenAtFirstVersion(string path) => StoreDatabase.Open(path, [Migration.Embedded[0]], _time, CancellationToken.None);

    private SqliteConnection Open(string path) => StoreDatabase.Open(path, Migration.Embedded, _time, CancellationToken.None);

    private static int UserVersion(SqliteConnection connection) => connection.ExecuteScalar<int>("PRAGMA user_version");

    private static void SetUserVersion(string path, int version)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        connection.Execute($"PRAGMA user_version = {version}");
    }
}
