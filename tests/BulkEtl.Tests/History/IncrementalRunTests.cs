using BulkEtl.Cli;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.History;

/// <summary>Re-runs, changes at the source, snapshots and the run ledger, end to end against the simulator.</summary>
public sealed class IncrementalRunTests
{
    private static SqliteConnection Open(string database) => StoreDatabase.Open(database);

    [Fact]
    public async Task Run_AgainWithNoChangeAtTheSource_MakesNoRequestByIdAndWritesAByteIdenticalReport()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 120);
        var first = await night.RunAsync();
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        var report = Path.Combine(night.Reports, "failure-rates_2026-10-22_2026-11-20.csv");
        var firstBytes = await File.ReadAllBytesAsync(report);
        // Unfinished jobs are left out of this: the simulator lists them, so they are not "missing from the listing".
        night.Simulator.Stats.Reset();

        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.Equal(0, night.Simulator.Stats.SummaryRequests);
        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(report));
        using var connection = Open(night.Database);
        Assert.Equal(120L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_job_snapshots"));
        var ledger = new RunLedger(connection, TimeProvider.System).Latest(2);
        Assert.Equal((120L, 0L, 0L, 120L), (ledger[0].Listed, ledger[0].Fetched, ledger[0].New, ledger[0].Unchanged));
        Assert.Equal((120L, 120L, 120L), (ledger[1].Listed, ledger[1].Fetched, ledger[1].New));
    }

    [Fact]
    public async Task Run_AfterAJobChanged_FetchesOnlyThatJobAndAddsOneSnapshot()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        var running = night.Simulator.Jobs.First(job => job.Status == "In Progress");
        night.Simulator.UpsertJob(running with
        {
            Status = "Completed",
            RowsSucceeded = running.RowCount - 3,
            RowsFailed = 3,
            LastUpdatedAt = running.LastUpdatedAt.AddMinutes(10),
        });
        night.Simulator.Stats.Reset();

        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.Equal([running.Id], night.Simulator.Stats.Requests.Where(request => request.JobId is not null).Select(request => request.JobId));
        using var connection = Open(night.Database);
        var states = connection.Query<(string Status, long RowsFailed)>(
            "SELECT status, rows_failed FROM bulk_job_snapshots WHERE job_id = @Id ORDER BY observed_at, id", new { running.Id }).ToList();
        Assert.Equal(2, states.Count);
        Assert.Equal(("In Progress", running.RowsFailed!.Value), states[0]);
        Assert.Equal(("Completed", 3L), states[1]);
        var latest = new RunLedger(connection, TimeProvider.System).Latest(1).Single();
        Assert.Equal((1L, 0L, 1L, 59L), (latest.Fetched, latest.New, latest.Changed, latest.Unchanged));
    }

    [Fact]
    public async Task Run_UnfinishedJobMissingFromTheListing_IsFetchedById()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 40);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        var unfinished = night.Simulator.Jobs.First(job => job.Status == "Submitted");
        var finished = night.Simulator.Jobs.First(job => job.Status == "Completed");
        // Gone from the listing but still answering by id: the unfinished one must be asked for, the finished one not.
        night.Simulator.RemoveJob(unfinished.Id);
        night.Simulator.RemoveJob(finished.Id);
        night.Simulator.Stats.Reset();

        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.Equal([unfinished.Id], night.Simulator.Stats.Requests.Where(request => request.JobId is not null).Select(request => request.JobId));
        using var connection = Open(night.Database);
        Assert.NotNull(connection.ExecuteScalar<string>("SELECT not_found_at FROM bulk_jobs WHERE id = @Id", new { unfinished.Id }));
        Assert.Equal("Submitted", connection.ExecuteScalar<string>("SELECT status FROM bulk_jobs WHERE id = @Id", new { unfinished.Id }));
        var third = await night.RunAsync();
        Assert.True(third.ExitCode == ExitCodes.Success, third.Error);
        Assert.Equal(1, night.Simulator.Stats.Requests.Count(request => request.JobId == unfinished.Id));
    }

    [Fact]
    public async Task Run_PartialFailure_IsRecordedInTheLedgerAndShownByRuns()
    {
        await using var probe = await SimulatedNight.StartAsync(jobs: 20);
        var broken = probe.Simulator.Jobs[4].Id;
        await using var night = await SimulatedNight.StartAsync(jobs: 20,
            new BulkEtl.Simulator.FaultOptions { AlwaysFailIds = new HashSet<string> { broken } });
        var run = await night.RunAsync("--max-retries", "1");
        Assert.Equal(ExitCodes.Partial, run.ExitCode);

        var runs = await CliRunner.RunAsync("runs", "--db", night.Database);

        Assert.Equal(ExitCodes.Success, runs.ExitCode);
        Assert.Contains("partial", runs.Output, StringComparison.Ordinal);
        Assert.Contains($"failed {broken}", runs.Output, StringComparison.Ordinal);
        Assert.Contains("wrote failure-rates_2026-10-22_2026-11-20.csv sha256 ", runs.Output, StringComparison.Ordinal);
        using var connection = Open(night.Database);
        var ledger = new RunLedger(connection, TimeProvider.System);
        var latest = ledger.Latest(1).Single();
        Assert.Equal(("partial", 1L, 19L), (latest.Outcome, latest.Failed, latest.Fetched));
        Assert.NotNull(latest.FinishedAt);
        Assert.True(latest.Requests > 20);
        var reportRecords = ledger.Reports(latest.Id);
        Assert.Contains(reportRecords, record => record.FileName == "failure-rates_2026-10-22_2026-11-20.csv");
        Assert.Contains(reportRecords, record => record.FileName == "failure-rate-trend_day_2026-10-22_2026-11-20.png");
        foreach (var record in reportRecords)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(night.Reports, record.FileName));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), record.Sha256);
            Assert.Equal(bytes.LongLength, record.Bytes);
        }
    }
}
