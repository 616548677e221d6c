using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.History;

/// <summary>kill -9 at several moments of a run, then one more run: the store must equal an uninterrupted run's.</summary>
public sealed class CrashSafetyTests
{
    private const int Jobs = 150;
    private const string Report = "failure-rates_2026-10-22_2026-11-20.csv";

    [Fact]
    public async Task Run_KilledWithSigkillAtSeveralPoints_ConvergesToTheUninterruptedStore()
    {
        await using var reference = await SimulatedNight.StartAsync(Jobs);
        var uninterrupted = await reference.RunAsync();
        Assert.True(uninterrupted.ExitCode == ExitCodes.Success, uninterrupted.Error);

        await using var night = await SimulatedNight.StartAsync(Jobs, new FaultOptions { Latency = TimeSpan.FromMilliseconds(15) });
        // Killed before any fetch, early, mid-way and late; each run resumes the store the last one left.
        foreach (var killAfterFetches in new[] { 0, 10, 45, 90, 140 })
        {
            await RunAndKillAsync(night, killAfterFetches);
            AssertIntact(night.Database);
        }

        night.Simulator.Faults = new FaultOptions();
        var final = await night.RunAsync();

        Assert.True(final.ExitCode == ExitCodes.Success, final.Error);
        AssertIntact(night.Database);
        Assert.Equal(SimulatedNight.StoredJobs(reference.Database), SimulatedNight.StoredJobs(night.Database));
        Assert.Equal(SnapshotStates(reference.Database), SnapshotStates(night.Database));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(reference.Reports, Report)),
            await File.ReadAllBytesAsync(Path.Combine(night.Reports, Report)));
    }

    private static async Task RunAndKillAsync(SimulatedNight night, int killAfterFetches)
    {
        night.Simulator.Stats.Reset();
        using var child = ChildProcess.Start(night.RunArgs("--max-concurrency", "2"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!child.HasExited && night.Simulator.Stats.SummaryRequests < killAfterFetches && !deadline.IsCancellationRequested)
        {
            await Task.Delay(5);
        }

        if (killAfterFetches == 0)
        {
            // Right after the list call began: before anything was committed.
            while (!child.HasExited && night.Simulator.Stats.ListRequests == 0 && !deadline.IsCancellationRequested)
            {
                await Task.Delay(5);
            }
        }

        if (!child.HasExited)
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync(deadline.Token);
    }

    private static void AssertIntact(string database)
    {
        if (!File.Exists(database))
        {
            return;
        }

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.Equal(0L, connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM (SELECT 1 FROM bulk_job_snapshots GROUP BY job_id, status, row_count, rows_succeeded, rows_failed, last_updated_at HAVING COUNT(*) > 1)"));
    }

    /// <summary>The states each job went through, without run ids or observation times (which differ by design).</summary>
    private static IReadOnlyList<string> SnapshotStates(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        return connection.Query<string>(
            """
            SELECT json_array(job_id, status, row_count, rows_succeeded, rows_failed, last_updated_at, created_at, object_type, job_type, not_found)
            FROM bulk_job_snapshots ORDER BY job_id, observed_at, id
            """).ToList();
    }
}
