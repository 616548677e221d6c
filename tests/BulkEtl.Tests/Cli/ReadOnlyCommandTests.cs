using BulkEtl.Cli;
using BulkEtl.Extract;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Cli;

/// <summary>report, trend and runs read a store: they never migrate it, switch its journal, or change the file.</summary>
public sealed class ReadOnlyCommandTests : IDisposable
{
    private static readonly string[] SideFiles = ["-wal", "-shm", "-journal"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Commands => ["report", "trend", "runs"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ReadCommand_ForeignSqliteFile_ExitsTwoAndLeavesItByteIdentical(string command)
    {
        var database = Foreign("other.db", wal: false);

        await AssertRefusedUntouchedAsync(command, database, "not a BulkEtl store");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ReadCommand_ForeignSqliteFileInWalMode_ExitsTwoAndCreatesNoWalOrShm(string command)
    {
        var database = Foreign("other-wal.db", wal: true);

        await AssertRefusedUntouchedAsync(command, database, "not a BulkEtl store");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ReadCommand_EmptyFile_ExitsTwoAndLeavesItEmpty(string command)
    {
        var database = _folder.File("empty.db");
        await File.WriteAllBytesAsync(database, []);

        await AssertRefusedUntouchedAsync(command, database, "not a BulkEtl store");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ReadCommand_TextFile_ExitsTwoAndLeavesItUnchanged(string command)
    {
        var database = _folder.File("notes.db");
        await File.WriteAllTextAsync(database, "these are my notes, not a database");

        await AssertRefusedUntouchedAsync(command, database, "not a SQLite database");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ReadCommand_StoreOfAnOlderSchema_ExitsTwoSayingRunFirstAndDoesNotMigrate(string command)
    {
        var database = _folder.File("old.db");
        StoreDatabase.Open(database, [Migration.Embedded[0]], TimeProvider.System, CancellationToken.None).Dispose();

        await AssertRefusedUntouchedAsync(command, database, "run 'bulk-etl run' on it first");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ReadCommand_StoreOfANewerSchema_ExitsTwoSayingUpgrade(string command)
    {
        var database = _folder.File("new.db");
        StoreDatabase.Open(database).Dispose();
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            connection.Execute($"PRAGMA user_version = {Migration.Embedded.Count + 1};");
        }

        await AssertRefusedUntouchedAsync(command, database, "use a newer BulkEtl");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ReadCommand_RealWalStore_SucceedsAndLeavesTheFileByteIdentical(string command)
    {
        // Characters a file: URI must escape, as the read-only open peeks at the file through one.
        var database = _folder.File("night #1 100%?.db");
        using (var connection = StoreDatabase.Open(database))
        {
            var repository = new JobRepository(connection, new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)));
            using var transaction = connection.BeginTransaction();
            repository.Upsert([TestData.Job("job-1") with { CreatedAt = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero), RowCount = 3, RowsSucceeded = 2, RowsFailed = 1 }], transaction);
            transaction.Commit();
        }

        var before = await File.ReadAllBytesAsync(database);

        var result = await CliRunner.RunAsync(Arguments(command, database));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        Assert.Equal("wal", JournalMode(database));
    }

    private async Task AssertRefusedUntouchedAsync(string command, string database, string expectedMessage)
    {
        var before = await File.ReadAllBytesAsync(database);
        var output = _folder.File("out");

        var result = await CliRunner.RunAsync(Arguments(command, database));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expectedMessage, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(result.HasStackTrace);
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        Assert.All(SideFiles, suffix => Assert.False(File.Exists(database + suffix), $"{suffix} was left beside the database"));
        Assert.False(Directory.Exists(output), "nothing may be written for a database that cannot be read");
    }

    private string[] Arguments(string command, string database) => command == "runs"
        ? ["runs", "--db", database]
        : [command, "--db", database, "--out", _folder.File("out"), "--from", "2026-11-01", "--to", "2026-11-02"];

    private string Foreign(string name, bool wal)
    {
        var path = _folder.File(name);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        if (wal)
        {
            connection.Execute("PRAGMA journal_mode = WAL;");
        }

        connection.Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);");
        return path;
    }

    private static string JournalMode(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<string>("PRAGMA journal_mode;")!;
    }
}
