using System.Text;
using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Reasons;

/// <summary>Issue 12 over real loopback HTTP: /downloads on the Zuora origin, the files on a second origin.</summary>
public sealed class FailureReasonsEndToEndTests
{
    private const string ReportName = "failure-reasons_2026-10-22_2026-11-20.csv";
    private static readonly DateOnly From = new(2026, 10, 22);
    private static readonly DateOnly To = new(2026, 11, 20);

    private static Task<SimulatedNight> StartAsync(FileOriginOptions? files = null, int jobs = 24) =>
        SimulatedNight.StartAsync(jobs, configure: options => files is null ? options : options with { Files = files });

    private static string[] Reasons(params string[] extra) => extra.Contains("--log-level") ? extra : ["--log-level", "information", .. extra];

    [Fact]
    public async Task Run_FinalJobsWithFailedRows_StoresAndReportsExactRowsPerReason()
    {
        await using var night = await StartAsync();
        var pending = ExpectedReasons.Pending(night.Simulator.Jobs);
        Assert.True(pending.Count >= 3, $"the tenant has {pending.Count} job(s) with failed rows");
        // One file gzip-encoded: the counts must not change.
        night.Simulator.FileFaults = night.Simulator.FileFaults with { GzipIds = new HashSet<string> { Completed(night)[0].Id } };

        var result = await night.RunAsync(Reasons());

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var lines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, ReportName))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExpectedReasons.Header, lines[0]);
        var expected = ExpectedReasons.Lines(night.Simulator, night.Simulator.Jobs, From, To);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, lines.Skip(1).ToList());
        Assert.True(File.Exists(Path.Combine(night.Reports, ReportName + ".manifest.json")));

        using var connection = Open(night.Database);
        foreach (var job in pending)
        {
            var stored = connection.Query<(string Code, string Category, string Reason, long Rows)>(
                "SELECT code, category, reason, rows FROM bulk_job_failure_reasons WHERE job_id = @Id", new { job.Id })
                .ToDictionary(row => (row.Code, row.Category, row.Reason), row => row.Rows);
            var expectedReasons = ExpectedReasons.ForJob(night.Simulator, job);
            Assert.Equal(expectedReasons.OrderBy(pair => pair.Key).ToList(), stored.OrderBy(pair => pair.Key).ToList());
            Assert.Equal(expectedReasons.Count == 0 ? 0 : job.RowsFailed, stored.Values.Sum());
        }
    }

    [Fact]
    public async Task Run_FileOrigin_NeverReceivesAuthorizationOrZuoraHeaders()
    {
        await using var night = await StartAsync();

        var result = await night.RunAsync(Reasons());

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var requests = night.Simulator.FileRequests;
        Assert.Contains(requests, request => request.Path.EndsWith("/errors.csv", StringComparison.Ordinal) && request.StatusCode == 200);
        Assert.All(requests, request =>
        {
            Assert.DoesNotContain(request.Headers.Keys, name => name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(request.Headers.Keys, name => name.StartsWith("Zuora-", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(request.Headers.Keys, name => name.Equals("Cookie", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(request.Headers.Values, value => night.Simulator.IssuedTokens.Any(token => value.Contains(token, StringComparison.Ordinal)));
        });
        // The Zuora origin did get the run's headers on /downloads: the file origin's silence is not an accident of the run.
        Assert.Contains(night.Simulator.Stats.Requests, request => request.Path.EndsWith("/downloads", StringComparison.Ordinal) && request.TrackId is not null);
    }

    [Fact]
    public async Task Run_PlantedCustomerValues_ReachNeitherStoreNorLogsNorReports()
    {
        await using var night = await StartAsync();

        // A child process, so its log lines really go to its stderr (in-process, the console logger writes elsewhere).
        var result = await ChildProcess.RunAsync(night.RunArgs("--log-level", "debug"), TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.NotEmpty(night.Simulator.FileRequests);
        Assert.Contains("Failure reasons:", result.Error, StringComparison.Ordinal);
        var places = new List<(string Name, byte[] Bytes)>
        {
            ("stderr", Encoding.UTF8.GetBytes(result.Error)),
            ("stdout", Encoding.UTF8.GetBytes(result.Output)),
        };
        foreach (var file in new[] { night.Database, night.Database + "-wal", night.Database + "-journal" }.Where(File.Exists))
        {
            places.Add((Path.GetFileName(file), await File.ReadAllBytesAsync(file)));
        }

        places.AddRange(Directory.GetFiles(night.Reports).Select(file => (Path.GetFileName(file), File.ReadAllBytes(file))));
        Assert.Contains(places, place => place.Name == ReportName);
        foreach (var planted in FailureFiles.PlantedValues)
        {
            foreach (var (name, bytes) in places)
            {
                Assert.False(Contains(bytes, planted), $"'{planted}' found in {name}");
                Assert.False(Contains(bytes, planted.Replace("'", "''", StringComparison.Ordinal)), $"'{planted}' found in {name}");
            }
        }

        // The rows were read: the templates say which values stood there.
        Assert.Contains("Email <email> is not a valid email address", await File.ReadAllTextAsync(Path.Combine(night.Reports, ReportName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExpiredLink_IsRenewedOnceAndTheJobStored()
    {
        await using var night = await StartAsync();
        var job = Completed(night)[0];
        night.Simulator.FileFaults = night.Simulator.FileFaults with { StaleLinkIds = new HashSet<string> { job.Id } };

        var result = await night.RunAsync(Reasons());

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Contains(night.Simulator.FileRequests, request => request.Path.Contains(job.Id, StringComparison.Ordinal) && request.StatusCode == 403);
        Assert.Equal(2, DownloadsCalls(night, job.Id));
        using var connection = Open(night.Database);
        Assert.Equal(job.RowsFailed, connection.ExecuteScalar<long>("SELECT SUM(rows) FROM bulk_job_failure_reasons WHERE job_id = @Id", new { job.Id }));
    }

    [Fact]
    public async Task Run_CutOffOversizedOrMissingFiles_FailOnlyThoseJobsAndTheNextRunCollectsThem()
    {
        await using var night = await StartAsync();
        var pending = ExpectedReasons.Pending(night.Simulator.Jobs);
        var completed = Completed(night);
        var (cutOff, large, missing) = (completed[0].Id, completed[1].Id, completed[2].Id);
        night.Simulator.FileFaults = night.Simulator.FileFaults with
        {
            CutOffIds = new HashSet<string> { cutOff },
            LargeIds = new HashSet<string> { large },
            LargeFileBytes = 8 * 1024 * 1024,
            MissingIds = new HashSet<string> { missing },
        };

        var first = await night.RunAsync(Reasons("--max-failure-file-bytes", "1048576"));

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.Contains("collected, 3 failed,", first.Output, StringComparison.Ordinal);
        Assert.Contains("failure reasons of 3 job(s) could not be read", first.Error, StringComparison.Ordinal);
        using (var connection = Open(night.Database))
        {
            var collected = connection.Query<string>("SELECT job_id FROM bulk_job_failure_reason_runs").ToHashSet();
            Assert.Equal(Collectable(night, pending).Select(job => job.Id).Except([cutOff, large, missing]).Order(), collected.Order());
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bulk_job_failure_reasons WHERE job_id IN @Ids",
                new { Ids = new[] { cutOff, large, missing } }));
        }

        // The file host mended: the next night reads exactly those three, and nothing else.
        night.Simulator.FileFaults = new FileOriginOptions();
        night.Simulator.Stats.Reset();
        var second = await night.RunAsync(Reasons());

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.True(second.Output.Contains("3 collected, 0 failed,", StringComparison.Ordinal), second.Output + second.Error);
        var asked = night.Simulator.Stats.Requests.Where(request => request.Path.EndsWith("/downloads", StringComparison.Ordinal))
            .Select(request => DownloadsJobId(request.Path)).Order().ToList();
        // Those three, and the jobs with neither a file nor a failureReason, asked again on a later night.
        Assert.Equal(new[] { cutOff, large, missing }.Concat(WithoutReasons(night, pending)).Order().ToList(), asked);
        var lines = (await File.ReadAllTextAsync(Path.Combine(night.Reports, ReportName))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExpectedReasons.Lines(night.Simulator, night.Simulator.Jobs, From, To), lines.Skip(1).ToList());
    }

    [Fact]
    public async Task Run_Again_FetchesNothingNew()
    {
        await using var night = await StartAsync();
        var first = await night.RunAsync(Reasons());
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        var report = await File.ReadAllBytesAsync(Path.Combine(night.Reports, ReportName));
        var fileRequests = night.Simulator.FileRequests.Count;
        night.Simulator.Stats.Reset();

        var second = await night.RunAsync(Reasons());

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        // Only the jobs with neither a file nor a failureReason are asked again (they answer 404: no file request).
        var asked = night.Simulator.Stats.Requests.Where(request => request.Path.EndsWith("/downloads", StringComparison.Ordinal))
            .Select(request => DownloadsJobId(request.Path)).Order().ToList();
        Assert.Equal(WithoutReasons(night, ExpectedReasons.Pending(night.Simulator.Jobs)).Order().ToList(), asked);
        Assert.Equal(fileRequests, night.Simulator.FileRequests.Count);
        Assert.Equal(report, await File.ReadAllBytesAsync(Path.Combine(night.Reports, ReportName)));
    }

    [Fact]
    public async Task Run_NoErrorFile_StoresTheSummarysFailureReasonForAllFailedRows()
    {
        await using var night = await StartAsync();
        // A Completed job (its downloads answer) whose answer has no error file, and whose summary has a reason.
        var job = Completed(night)[0] with { FailureReason = "Row validation failed: see the error file" };
        night.Simulator.UpsertJob(job);
        night.Simulator.FileFaults = night.Simulator.FileFaults with { NoErrorFileIds = new HashSet<string> { job.Id } };

        var result = await night.RunAsync(Reasons());

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var connection = Open(night.Database);
        var stored = connection.Query<(string Code, string Category, string Reason, long Rows)>(
            "SELECT code, category, reason, rows FROM bulk_job_failure_reasons WHERE job_id = @Id", new { job.Id }).ToList();
        Assert.Equal([("", "", "Row validation failed: see the error file", job.RowsFailed!.Value)], stored);
        Assert.Equal("failure_reason", connection.ExecuteScalar<string>("SELECT source FROM bulk_job_failure_reason_runs WHERE job_id = @Id", new { job.Id }));
    }

    [Fact]
    public async Task Run_NoFailureReasons_AsksForNoDownloads()
    {
        await using var night = await StartAsync();

        var result = await night.RunAsync(Reasons("--no-failure-reasons"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(0, DownloadsCalls(night, null));
        Assert.Empty(night.Simulator.FileRequests);
    }

    /// <summary>The Completed jobs with failed rows: the only ones whose downloads answer with files.</summary>
    private static IReadOnlyList<SimulatedJob> Completed(SimulatedNight night) =>
        ExpectedReasons.Pending(night.Simulator.Jobs).Where(job => job.Status == "Completed").ToList();

    /// <summary>The jobs a night can store reasons for: a file, or a failureReason.</summary>
    private static IEnumerable<SimulatedJob> Collectable(SimulatedNight night, IEnumerable<SimulatedJob> pending) =>
        pending.Where(job => ExpectedReasons.ForJob(night.Simulator, job).Count > 0);

    /// <summary>The jobs whose downloads answer 404 and whose summary has no failureReason.</summary>
    private static IEnumerable<string> WithoutReasons(SimulatedNight night, IEnumerable<SimulatedJob> pending) =>
        pending.Where(job => ExpectedReasons.ForJob(night.Simulator, job).Count == 0).Select(job => job.Id);

    private static int DownloadsCalls(SimulatedNight night, string? jobId) =>
        night.Simulator.Stats.Requests.Count(request => request.Path.EndsWith("/downloads", StringComparison.Ordinal)
            && (jobId is null || DownloadsJobId(request.Path) == jobId));

    /// <summary>The id in <c>/bulk-data/bulk-jobs/{id}/downloads</c>.</summary>
    private static string DownloadsJobId(string path) => path.Split('/')[^2];

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;
}
