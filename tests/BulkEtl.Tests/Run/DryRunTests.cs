using BulkEtl.Cli;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;

namespace BulkEtl.Tests.Run;

/// <summary><c>run --dry-run</c> against the simulator: it says what a night would do, and writes nothing at all.</summary>
public sealed class DryRunTests
{
    [Fact]
    public async Task DryRun_WithChangesPending_PrintsThemAndLeavesStoreLedgerAndReportsByteIdentical()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        var (changed, added, deleted) = ChangeTheTenant(night);
        var before = Files(night);
        var ledgerRows = LedgerRows(night.Database);

        var dry = await night.RunAsync("--dry-run");

        Assert.True(dry.ExitCode == ExitCodes.Success, dry.Error);
        Assert.Contains($"would add {added}\n", dry.Output, StringComparison.Ordinal);
        Assert.Contains($"would change {changed}: status, rows_succeeded, rows_failed, last_updated_at, raw_json\n", dry.Output, StringComparison.Ordinal);
        Assert.Contains($"would mark deleted {deleted}\n", dry.Output, StringComparison.Ordinal);
        Assert.Contains("listed 60, fetched 2; would add 1, would change 1, unchanged 58, would mark deleted 1, failed 0;", dry.Output,
            StringComparison.Ordinal);
        var after = Files(night);
        Assert.Equal(before.Keys.Order(), after.Keys.Where(name => !IsEmptySqliteSideFile(night, name)).Order());
        foreach (var (name, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
        }

        Assert.Equal(ledgerRows, LedgerRows(night.Database));

        // The oracle: the real night that follows does exactly what the dry run announced.
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        using var connection = StoreDatabase.OpenReadOnly(night.Database);
        var latest = new RunLedger(connection, TimeProvider.System).Latest(1).Single();
        Assert.Equal((60L, 2L, 1L, 1L, 58L, 1L), (latest.Listed, latest.Fetched, latest.New, latest.Changed, latest.Unchanged, latest.NotFound));
    }

    [Fact]
    public async Task DryRun_WithoutAStore_SaysEveryJobWouldBeAddedAndCreatesNoFile()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20);

        var dry = await night.RunAsync("--dry-run");

        Assert.True(dry.ExitCode == ExitCodes.Success, dry.Error);
        Assert.Contains("listed 20, fetched 20; would add 20, would change 0, unchanged 0, would mark deleted 0, failed 0;", dry.Output,
            StringComparison.Ordinal);
        Assert.Equal(20, dry.Output.Split('\n').Count(line => line.StartsWith("would add ", StringComparison.Ordinal)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(night.Folder.Path));
    }

    /// <summary>One job finishes, one is new, one unfinished job is deleted: a change, an addition and a deletion pending.</summary>
    private static (string Changed, string Added, string Deleted) ChangeTheTenant(SimulatedNight night)
    {
        var running = night.Simulator.Jobs.First(job => job.Status == "In Progress");
        night.Simulator.UpsertJob(running with
        {
            Status = "Completed",
            RowsSucceeded = running.RowCount - 3,
            RowsFailed = 3,
            LastUpdatedAt = running.LastUpdatedAt.AddMinutes(10),
        });
        var added = night.Simulator.Jobs[0] with { Id = "0f0e0d0c-0b0a-4909-8807-060504030201" };
        night.Simulator.UpsertJob(added);
        var deleted = night.Simulator.Jobs.First(job => job.Status == "Submitted");
        night.Simulator.RemoveJob(deleted.Id);
        return (running.Id, added.Id, deleted.Id);
    }

    /// <summary>Every file under the night's folder (store, its side files, reports) with its bytes.</summary>
    private static Dictionary<string, byte[]> Files(SimulatedNight night) => Directory
        .EnumerateFiles(night.Folder.Path, "*", SearchOption.AllDirectories)
        .ToDictionary(path => Path.GetRelativePath(night.Folder.Path, path), File.ReadAllBytes);

    /// <summary>A read-only reader of a WAL store may leave an empty -wal and the -shm index: no data, no growth.</summary>
    private static bool IsEmptySqliteSideFile(SimulatedNight night, string name) =>
        name.EndsWith("-shm", StringComparison.Ordinal)
        || (name.EndsWith("-wal", StringComparison.Ordinal) && new FileInfo(Path.Combine(night.Folder.Path, name)).Length == 0);

    private static long LedgerRows(string database)
    {
        using var connection = StoreDatabase.OpenReadOnly(database);
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM etl_runs");
    }
}
