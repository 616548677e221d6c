using System.Diagnostics;
using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Run;

/// <summary>
/// A night where many things are wrong at once, run as cron runs it (its own process): it must end partial (exit 3),
/// with every well-formed job stored and reported exactly, every bad one named, and memory bounded although one answer
/// inflates to 512 MB.
/// </summary>
public sealed class HostileNightTests
{
    private const int Jobs = 300;
    private const string Report = "failure-rates_2026-10-22_2026-11-20.csv";
    private const long PeakMemoryLimit = 250L * 1024 * 1024;
    private const long HostileFilesMemoryLimit = 400L * 1024 * 1024;

    [Fact]
    public async Task Run_HostileNightMixingEveryFault_IsPartialStoresEveryGoodJobExactlyAndStaysUnder250MB()
    {
        await using var reference = await SimulatedNight.StartAsync(Jobs, configure: NonUuidIds);
        Assert.Equal(ExitCodes.Success, (await reference.RunAsync()).ExitCode);

        await using var night = await SimulatedNight.StartAsync(Jobs, configure: NonUuidIds);
        var jobs = night.Simulator.Jobs;
        var (futureListEntry, noIdEntry, wrongShape, bomb, misrouted, failing) =
            (jobs[11].Id, jobs[40].Id, jobs[77].Id, jobs[120].Id, jobs[160].Id, jobs[222].Id);
        // A lone surrogate escape is valid JSON to the parser and fails only when the string is read: in a list entry with
        // a readable id the job is fetched by id and stored; in a summary it costs that job.
        var (surrogateListEntry, surrogateSummary) = (jobs[260].Id, jobs[190].Id);
        night.Simulator.Faults = new FaultOptions
        {
            Seed = 8,
            ServerErrorRate = 0.05,
            TruncateRate = 0.03,
            HostileErrorReasons = true,
            RawListEntries = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [futureListEntry] = $$"""{"id":"{{futureListEntry}}","status":"Completed","createdAt":253402300800000,"name":"bad \q"}""",
                [noIdEntry] = """{"name":"no id here","status":"Completed"}""",
                [surrogateListEntry] = $$"""{"id":"{{surrogateListEntry}}","name":"\ud800 broken","status":"\udc00"}""",
            },
            RawSummaries = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [wrongShape] = $$"""{"id":"{{wrongShape}}","rowsFailed":[1]}""",
                [surrogateSummary] = $$"""{"id":"{{surrogateSummary}}","name":"\ud800 broken","status":"Completed"}""",
            },
            OversizedBodyIds = new HashSet<string>(StringComparer.Ordinal) { bomb },
            WrongIdIds = new HashSet<string>(StringComparer.Ordinal) { misrouted },
            AlwaysFailIds = new HashSet<string>(StringComparer.Ordinal) { failing },
        };

        // Enough retries that a seeded 8 % of transient faults cannot, by bad luck under load, cost a well-formed job.
        var (result, peak) = await RunInOwnProcessAsync(night.RunArgs("--max-retries", "8"));

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.True(peak < PeakMemoryLimit, $"peak working set {peak / 1024 / 1024} MB");
        foreach (var named in new[] { wrongShape, bomb, misrouted, failing, surrogateSummary })
        {
            Assert.Contains($"job {named} could not be fetched", result.Error, StringComparison.Ordinal);
        }

        Assert.Contains("without a readable job id", result.Error, StringComparison.Ordinal);
        string[] bad = [noIdEntry, wrongShape, bomb, misrouted, failing, surrogateSummary];
        var expected = SimulatedNight.StoredJobs(reference.Database).Where(row => !bad.Any(id => row.Contains(id, StringComparison.Ordinal))).ToList();
        Assert.Equal(Jobs - bad.Length, expected.Count);
        Assert.Equal(expected, SimulatedNight.StoredJobs(night.Database));
        Assert.Equal(await ExpectedReportAsync(reference, bad), await File.ReadAllBytesAsync(Path.Combine(night.Reports, Report)));
        var written = Directory.GetFiles(night.Reports).Select(Path.GetFileName).ToList();
        Assert.All(EveryReport, prefix => Assert.Contains(written, name => name!.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_FetchedJobsWhileTheNextAnswerIsSlow_AreCommittedWithinSeconds()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 30);
        var slow = night.Simulator.Jobs[^1].Id;
        night.Simulator.Faults = new FaultOptions
        {
            SlowIds = new HashSet<string>(StringComparer.Ordinal) { slow },
            HangDuration = TimeSpan.FromSeconds(8),
        };
        var started = Stopwatch.StartNew();

        var run = night.RunAsync("--max-concurrency", "2");
        await Eventually.WaitUntilAsync(() => File.Exists(night.Database) && Stored(night.Database) == 29, "29 jobs are committed",
            TimeSpan.FromSeconds(6));

        Assert.False(run.IsCompleted, "the run is still waiting for the slow job");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(7), $"committed after {started.Elapsed.TotalSeconds:0.0} s");
        var result = await run;
        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(30, Stored(night.Database));
    }

    [Fact]
    public async Task Run_HostileErrorFilesATrickleAndFour64MiBCells_IsPartialWithinItsDeadlineAndStaysUnder400MB()
    {
        await using var night = await SimulatedNight.StartAsync(60);
        var completed = night.Simulator.Jobs.Where(job => job.Status == "Completed" && job.RowsFailed > 0).ToList();
        var (trickle, failing) = (completed[0].Id, night.Simulator.Jobs[^1].Id);
        var huge = completed.Skip(1).Take(4).ToList();
        // Two of the four written as JSON lines: the line cap holds as the cell cap does.
        foreach (var job in huge.Take(2))
        {
            night.Simulator.UpsertJob(job with { FileType = "jsonl" });
        }

        night.Simulator.Faults = new FaultOptions { AlwaysFailIds = new HashSet<string>(StringComparer.Ordinal) { failing } };
        night.Simulator.FileFaults = night.Simulator.FileFaults with
        {
            TrickleIds = new HashSet<string> { trickle },
            HugeCellIds = huge.Select(job => job.Id).ToHashSet(),
        };

        var (result, peak) = await RunInOwnProcessAsync(night.RunArgs("--failure-reasons-deadline", "20", "--log-level", "information"));

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.True(peak < HostileFilesMemoryLimit, $"peak working set {peak / 1024 / 1024} MB");
        Assert.Contains($"job {failing} could not be fetched", result.Error, StringComparison.Ordinal);
        Assert.Contains("left for the next night", result.Error, StringComparison.Ordinal);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = night.Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        // Each huge cell cost one unreadable row; every other row of those files was counted.
        foreach (var job in huge)
        {
            Assert.Equal((job.RowsFailed!.Value + 1, 1L), connection.QuerySingle<(long, long)>(
                "SELECT SUM(rows), SUM(CASE WHEN reason = '<unreadable row>' THEN rows ELSE 0 END) FROM bulk_job_failure_reasons WHERE job_id = @Id",
                new { Id = job.Id }));
        }

        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_job_failure_reason_runs WHERE job_id = @Id", new { Id = trickle }));
        Assert.True(File.Exists(Path.Combine(night.Reports, "failure-reasons_2026-10-22_2026-11-20.csv")));
    }

    /// <summary>What a night writes, whatever went wrong with single jobs: a partial night still reports.</summary>
    private static readonly string[] EveryReport = ["failure-rates_", "failure-rate-trend_day_", "data-quality_", "failure-reasons_"];

    private static SimulatorOptions NonUuidIds(SimulatorOptions options) => options with { NonUuidIdShare = 0.2 };

    private static long Stored(string database)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_jobs");
        }
        catch (SqliteException)
        {
            // Not created yet.
            return -1;
        }
    }

    /// <summary>The report of the reference store less the bad jobs, made by the real report command on a copy.</summary>
    private static async Task<byte[]> ExpectedReportAsync(SimulatedNight reference, string[] bad)
    {
        using var folder = new TempFolder();
        var copy = folder.File("expected.db");
        using (var source = new SqliteConnection($"Data Source={reference.Database};Pooling=False"))
        {
            source.Open();
            source.Execute("VACUUM INTO @copy", new { copy });
        }

        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            connection.Execute("DELETE FROM bulk_jobs WHERE id IN @bad", new { bad });
        }

        var output = folder.File("out");
        var report = await CliRunner.RunAsync("report", "--db", copy, "--out", output, "--from", "2026-10-22", "--to", "2026-11-20");
        Assert.True(report.ExitCode == ExitCodes.Success, report.Error);
        return await File.ReadAllBytesAsync(Path.Combine(output, Report));
    }

    private static async Task<(CliResult Result, long PeakWorkingSet)> RunInOwnProcessAsync(string[] args)
    {
        using var child = ChildProcess.Start(args);
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        long peak = 0;
        while (!child.HasExited && !deadline.IsCancellationRequested)
        {
            try
            {
                child.Refresh();
                // VmHWM, the kernel's high-water mark of the process: the last reading before exit is its peak.
                peak = Math.Max(peak, child.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the read.
            }

            await Task.Delay(20);
        }

        await child.WaitForExitAsync(deadline.Token);
        return (new CliResult(child.ExitCode, await output, await error), peak);
    }
}
