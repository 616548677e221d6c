using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Cli;

/// <summary>run pointed by mistake at a file that is not its store: exit 2, the file stays exactly as it was, and nothing
/// appears beside it.</summary>
public sealed class RunStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_AnotherProgramsSqliteDatabase_ExitsTwoWithoutAddingTablesOrSwitchingItsJournal(bool wal)
    {
        var database = _folder.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            if (wal)
            {
                connection.Execute("PRAGMA journal_mode = WAL;");
            }

            connection.Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
        }

        var before = await File.ReadAllBytesAsync(database);

        var result = await CliRunner.RunAsync(Arguments(database));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains("not a BulkEtl store", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        Assert.False(File.Exists(database + ".lock"), "a lock file was left beside another program's database");
    }

    [Fact]
    public async Task Run_ATextFile_ExitsTwoAndLeavesItUnchanged()
    {
        var database = _folder.File("notes.db");
        await File.WriteAllTextAsync(database, "these are my notes, not a database\n");

        var result = await CliRunner.RunAsync(Arguments(database));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains("not a SQLite database", result.Error, StringComparison.Ordinal);
        Assert.Equal("these are my notes, not a database\n", await File.ReadAllTextAsync(database));
        Assert.False(File.Exists(database + ".lock"), "a lock file was left beside the text file");
    }

    private string[] Arguments(string database) =>
    [
        "run", "--base-url", "http://127.0.0.1:9/", "--token", "t", "--db", database, "--out", _folder.File("out"),
        "--log-level", "none",
    ];
}
