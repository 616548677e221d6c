using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Reasons;

/// <summary>
/// Failure reasons as Zuora's reference has them, over real loopback HTTP: /downloads answers 404 for a job that did not
/// complete, a jsonl job's error file is JSON lines, a pre-signed link may answer 403 for good, a file may be neither
/// CSV nor JSON lines, and the step has a deadline.
/// </summary>
public sealed class ZuoraReferenceReasonsTests
{
    private const string ReportName = "failure-reasons_2026-10-22_2026-11-20.csv";
    private static readonly DateOnly From = new(2026, 10, 22);
    private static readonly DateOnly To = new(2026, 11, 20);

    [Fact]
    public async Task Run_FailedAbortedAndJsonLinesJobs_StoresEveryJobsReasonsExactlyAndTheNextNightAsksNoDownloads()
    {
        await using var night = await SimulatedNight.StartAsync(60);
        // 30 % of the jobs with failed rows Failed or Aborted (their downloads answer 404), 25 % JSON lines, the rest CSV.
        var pending = ExpectedReasons.Pending(night.Simulator.Jobs);
        for (var i = 0; i < pending.Count; i++)
        {
            var status = (i % 10) switch { 0 or 4 => "Failed", 7 => "Aborted", _ => "Completed" };
            night.Simulator.UpsertJob(pending[i] with
            {
                Status = status,
                FileType = i % 4 == 1 ? "jsonl" : "csv",
                FailureReason = status switch { "Failed" => "Row validation failed: see the error file", "Aborted" => "Job aborted by user", _ => null },
            });
        }

        pending = ExpectedReasons.Pending(night.Simulator.Jobs);
        Assert.True(pending.Count(job => job.Status != "Completed") * 10 >= pending.Count * 3 - 10, "about 30 % did not complete");
        Assert.Contains(pending, job => job.Status == "Completed" && job.FileType == "jsonl");

        var first = await night.RunAsync("--log-level", "information");

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        using (var connection = Open(night.Database))
        {
            foreach (var job in pending)
            {
                var stored = connection.Query<(string Code, string Category, string Reason, long Rows)>(
                        "SELECT code, category, reason, rows FROM bulk_job_failure_reasons WHERE job_id = @Id", new { job.Id })
                    .ToDictionary(row => (row.Code, row.Category, row.Reason), row => row.Rows);
                Assert.Equal(ExpectedReasons.ForJob(night.Simulator, job).OrderBy(pair => pair.Key).ToList(), stored.OrderBy(pair => pair.Key).ToList());
                Assert.Equal(job.Status == "Completed" ? "error_file" : "failure_reason",
                    connection.ExecuteScalar<string>("SELECT source FROM bulk_job_failure_reason_runs WHERE job_id = @Id", new { job.Id }));
            }
        }

        var lines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, ReportName))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExpectedReasons.Lines(night.Simulator, night.Simulator.Jobs, From, To), lines.Skip(1).ToList());

        night.Simulator.Stats.Reset();
        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.DoesNotContain(night.Simulator.Stats.Requests, request => request.Path.EndsWith("/downloads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_A404WithoutAFailureReason_IsAskedOnThreeMoreNightsThenRecordedAsNoErrorFileAndNeverAskedAgain()
    {
        await using var night = await SimulatedNight.StartAsync(24);
        var job = ExpectedReasons.Pending(night.Simulator.Jobs).First() with { Status = "Aborted", FailureReason = null };
        night.Simulator.UpsertJob(job);

        var asked = new List<int>();
        var outputs = new List<string>();
        for (var run = 0; run < 5; run++)
        {
            night.Simulator.Stats.Reset();
            var result = await night.RunAsync();
            Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
            asked.Add(night.Simulator.Stats.Requests.Count(request => request.Path.EndsWith($"/{job.Id}/downloads", StringComparison.Ordinal)));
            outputs.Add(result.Output);
        }

        Assert.Equal([1, 1, 1, 1, 0], asked);
        Assert.DoesNotContain(" 1 recorded as no error file", outputs[2], StringComparison.Ordinal);
        Assert.Contains(" recorded as no error file", outputs[3], StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 recorded as no error file", outputs[3], StringComparison.Ordinal);
        using (var connection = Open(night.Database))
        {
            Assert.Equal((4L, true), connection.QuerySingle<(long, bool)>(
                "SELECT nights, no_error_file_at IS NOT NULL FROM bulk_job_failure_reason_attempts WHERE job_id = @Id", new { job.Id }));
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_job_failure_reasons WHERE job_id = @Id", new { job.Id }));
        }

        var runs = await CliRunner.RunAsync("runs", "--db", night.Database, "--limit", "5");
        Assert.True(runs.ExitCode == ExitCodes.Success, runs.Error);
        Assert.Contains("failure reasons: ", runs.Output, StringComparison.Ordinal);
        Assert.Contains("recorded as no error file", runs.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AFileTheHostRefusesOnAFreshLinkToo_IsFileUnavailableLoggedOnceAndTheNextNightCollectsIt()
    {
        await using var night = await SimulatedNight.StartAsync(24);
        var job = Completed(night)[0];
        night.Simulator.FileFaults = night.Simulator.FileFaults with { ForbiddenIds = new HashSet<string> { job.Id } };

        var first = await ChildProcess.RunAsync(night.RunArgs("--log-level", "information"), TimeSpan.FromMinutes(1));

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.Contains("1 file(s) unavailable", first.Output, StringComparison.Ordinal);
        Assert.Equal(2, night.Simulator.Stats.Requests.Count(request => request.Path.EndsWith($"/{job.Id}/downloads", StringComparison.Ordinal)));
        Assert.Equal(2, night.Simulator.FileRequests.Count(request => request.Path.EndsWith($"/{job.Id}/errors.csv", StringComparison.Ordinal)
            && request.StatusCode == 403));
        Assert.Single(first.Error.Split('\n'), line => line.Contains(job.Id, StringComparison.Ordinal) && line.Contains("file unavailable", StringComparison.Ordinal));
        Assert.False(Collected(night, job.Id));

        night.Simulator.FileFaults = new FileOriginOptions();
        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.True(Collected(night, job.Id));
    }

    [Fact]
    public async Task Run_AFileNeitherCsvNorJsonLines_CostsThatJobsReasonsCountedAndTheNextNightCollectsIt()
    {
        await using var night = await SimulatedNight.StartAsync(24);
        var job = Completed(night)[0];
        night.Simulator.FileFaults = night.Simulator.FileFaults with { GarbageIds = new HashSet<string> { job.Id } };

        var first = await night.RunAsync();

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.Contains("1 unreadable file(s)", first.Output, StringComparison.Ordinal);
        Assert.Contains("1 error file(s) are neither CSV nor JSON lines", first.Error, StringComparison.Ordinal);
        Assert.False(Collected(night, job.Id));

        night.Simulator.FileFaults = new FileOriginOptions();
        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.True(Collected(night, job.Id));
    }

    [Fact]
    public async Task Run_TheStepsDeadlinePassesDuringATrickle_LeavesTheJobForTheNextNightAndWritesTheReports()
    {
        await using var night = await SimulatedNight.StartAsync(24);
        var job = Completed(night)[0];
        night.Simulator.FileFaults = night.Simulator.FileFaults with
        {
            TrickleIds = new HashSet<string> { job.Id },
            TrickleInterval = TimeSpan.FromMilliseconds(100),
        };

        var first = await night.RunAsync("--failure-reasons-deadline", "1.5");

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.Contains("1 left for the next night", first.Output, StringComparison.Ordinal);
        Assert.Contains("deadline", first.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(night.Reports, ReportName)));
        Assert.False(Collected(night, job.Id));

        night.Simulator.FileFaults = new FileOriginOptions();
        var second = await night.RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.True(Collected(night, job.Id));
    }

    private static IReadOnlyList<SimulatedJob> Completed(SimulatedNight night) =>
        ExpectedReasons.Pending(night.Simulator.Jobs).Where(job => job.Status == "Completed").ToList();

    private static bool Collected(SimulatedNight night, string jobId)
    {
        using var connection = Open(night.Database);
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_job_failure_reason_runs WHERE job_id = @Id", new { Id = jobId }) == 1;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
