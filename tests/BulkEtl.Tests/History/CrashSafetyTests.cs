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

        // 20 fetches a second (two at a time, 100 ms each): a run commits a batch every 2 s, about 40 jobs, so each
        // killed run below leaves work for the next and every kill lands between two commits.
        await using var night = await SimulatedNight.StartAsync(Jobs, new FaultOptions { Latency = TimeSpan.FromMilliseconds(100) });
        // Killed before anything was committed, then three times just after a commit; each run resumes the store the last one left.
        await RunAndKillAsync(night, afterACommit: false);
        for (var kill = 0; kill < 3; kill++)
        {
            await RunAndKillAsync(night, afterACommit: true);
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

    /// <summary>
    /// Starts a run and SIGKILLs it once its list call began (<paramref name="afterACommit"/> false) or once it has
    /// committed jobs of its own; then checks the kill landed mid-run: the child was still running, died of the
    /// signal, its ledger row is still open, and the store holds some but not all of the tenant.
    /// </summary>
    private static async Task RunAndKillAsync(SimulatedNight night, bool afterACommit)
    {
        var storedBefore = StoredCount(night.Database);
        night.Simulator.Stats.Reset();
        using var child = ChildProcess.Start(night.RunArgs("--max-concurrency", "2"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!child.HasExited && !deadline.IsCancellationRequested
               && !(afterACommit ? StoredCount(night.Database) > storedBefore : night.Simulator.Stats.ListRequests > 0))
        {
            await Task.Delay(10);
        }

        Assert.False(child.HasExited, $"the run ended on its own (exit {(child.HasExited ? child.ExitCode : 0)}) before the kill");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync(deadline.Token);

        Assert.Equal(128 + 9, child.ExitCode);
        AssertIntact(night.Database);
        Assert.Equal(("running", (string?)null), LastRun(night.Database));
        var storedAfter = StoredCount(night.Database);
        Assert.InRange(storedAfter, afterACommit ? storedBefore + 1 : storedBefore, afterACommit ? Jobs - 1 : storedBefore);
    }

    private static long StoredCount(string database)
    {
        if (!File.Exists(database))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_jobs");
        }
        catch (SqliteException)
        {
            // The child is still creating the schema.
            return 0;
        }
    }

    private static (string Outcome, string? FinishedAt) LastRun(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        return connection.QuerySingle<(string, string?)>("SELECT outcome, finished_at FROM etl_runs ORDER BY started_at DESC LIMIT 1");
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
