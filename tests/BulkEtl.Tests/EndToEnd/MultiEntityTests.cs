using System.Globalization;
using BulkEtl.Cli;
using BulkEtl.Tests.Reasons;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.EndToEnd;

/// <summary>A multi-entity tenant: each entity listed and fetched under its own header into one store, and reported apart.</summary>
public sealed class MultiEntityTests
{
    private const string First = "8ad08e8a-7f1b-4e2c-9d3a-1b2c3d4e5f60";
    private const string Second = "2c9f4d1e-0a6b-4f7c-8e3d-5a4b3c2d1e0f";
    private const string Report = "failure-rates_2026-10-22_2026-11-20.csv";

    [Fact]
    public async Task Run_TwoEntities_StoresEachJobWithItsEntityAndAReRunAsksForNothing()
    {
        await using var night = await StartAsync();

        var run = await night.RunAsync("--entity-id", First, "--entity-id", Second);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var expected = night.Simulator.JobsOf(First).Select(job => (job.Id, First))
            .Concat(night.Simulator.JobsOf(Second).Select(job => (job.Id, Second)))
            .Order().ToList();
        Assert.Equal(60, expected.Select(job => job.Id).Distinct().Count());
        Assert.Equal(expected, Query<(string, string)>(night, "SELECT id, entity_id FROM bulk_jobs").Order().ToList());
        Assert.Equal(expected, Query<(string, string)>(night, "SELECT job_id, entity_id FROM bulk_job_snapshots").Order().ToList());
        // Every job was asked for under its own entity's header.
        var asked = night.Simulator.Stats.Requests.Where(request => request.JobId is not null).Select(request => (request.JobId!, request.EntityIds!));
        Assert.Equal(expected, asked.Order().ToList());

        night.Simulator.Stats.Reset();
        var again = await night.RunAsync("--entity-id", First, "--entity-id", Second);

        // Unfinished jobs of one entity are not asked for under the other's header (they would answer 404 and be marked deleted).
        Assert.True(again.ExitCode == ExitCodes.Success, again.Error);
        Assert.Equal(0, night.Simulator.Stats.SummaryRequests);
        Assert.Equal(0L, Query<long>(night, "SELECT COUNT(*) FROM bulk_jobs WHERE not_found_at IS NOT NULL").Single());
    }

    [Fact]
    public async Task DryRun_TwoEntitiesOneJobNew_SaysOnlyThatJobWouldBeAdded()
    {
        await using var night = await StartAsync();
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--entity-id", First, "--entity-id", Second)).ExitCode);
        night.Simulator.Stats.Reset();

        var dry = await night.RunAsync("--entity-id", First, "--entity-id", Second, "--dry-run");

        Assert.True(dry.ExitCode == ExitCodes.Success, dry.Error);
        Assert.Contains("listed 60, fetched 0; would add 0, would change 0, unchanged 60, would mark deleted 0, failed 0;", dry.Output,
            StringComparison.Ordinal);
        Assert.Equal(0, night.Simulator.Stats.SummaryRequests);
        Assert.Equal([First, Second], night.Simulator.Stats.Requests
            .Where(request => request.Path.StartsWith("/bulk-data", StringComparison.Ordinal)).Select(request => request.EntityIds).Distinct());
    }

    [Fact]
    public async Task Report_TwoEntitiesStored_HasEntityIdFirstAndTheFilterKeepsOneEntity()
    {
        await using var night = await StartAsync();
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--entity-id", First, "--entity-id", Second)).ExitCode);

        var all = ReadCsv(Path.Combine(night.Reports, Report));
        var filteredFolder = Path.Combine(night.Folder.Path, "first-only");
        var filtered = await CliRunner.RunAsync("report", "--db", night.Database, "--out", filteredFolder,
            "--from", "2026-10-22", "--to", "2026-11-20", "--entity-id", First);

        Assert.True(filtered.ExitCode == ExitCodes.Success, filtered.Error);
        Assert.Equal("entityId", all.Header[0]);
        Assert.Equal(new[] { First, Second }.Order(StringComparer.Ordinal), all.Rows.Select(row => row[0]).Distinct().Order(StringComparer.Ordinal));
        var firstOnly = ReadCsv(Path.Combine(filteredFolder, Report));
        Assert.Equal(all.Header, firstOnly.Header);
        Assert.All(firstOnly.Rows, row => Assert.Equal(First, row[0]));
        // The filtered report is exactly the first entity's rows of the whole one.
        Assert.Equal(all.Rows.Where(row => row[0] == First).Select(row => string.Join(',', row)), firstOnly.Rows.Select(row => string.Join(',', row)));
        var jobs = Array.IndexOf(all.Header, "jobs");
        var storedFirst = Query<long>(night,
            "SELECT COUNT(*) FROM bulk_jobs WHERE entity_id = @First AND created_at >= '2026-10-22' AND created_at < '2026-11-21'", new { First }).Single();
        Assert.Equal(storedFirst, firstOnly.Rows.Sum(row => long.Parse(row[jobs], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Run_TwoEntities_CollectsEachJobsFailureReasonsUnderItsOwnEntity()
    {
        await using var night = await StartAsync();

        var run = await night.RunAsync("--entity-id", First, "--entity-id", Second);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var pending = new[] { First, Second }
            .SelectMany(entity => ExpectedReasons.Pending(night.Simulator.JobsOf(entity)).Select(job => (Job: job, Entity: entity)))
            .ToList();
        Assert.Contains(pending, job => job.Entity == First);
        Assert.Contains(pending, job => job.Entity == Second);
        foreach (var (job, _) in pending)
        {
            var rows = Query<long>(night, "SELECT COALESCE(SUM(rows), 0) FROM bulk_job_failure_reasons WHERE job_id = @Id", new { job.Id }).Single();
            Assert.Equal(ExpectedReasons.ForJob(night.Simulator, job).Values.Sum(), rows);
        }

        // Each job's downloads were asked under its own entity's header, and none answered 404 for being asked under another.
        var downloads = night.Simulator.Stats.Requests.Where(request => request.Path.EndsWith("/downloads", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            pending.Select(job => (job.Job.Id, job.Entity)).Order().ToList(),
            downloads.Select(request => (request.Path.Split('/')[^2], request.EntityIds!)).Distinct().Order().ToList());
        // A job that did not complete answers 404 by Zuora's reference; every Completed one answered under its own entity.
        var completed = pending.Where(job => job.Job.Status == "Completed").Select(job => job.Job.Id).ToHashSet();
        Assert.NotEmpty(completed);
        Assert.All(downloads, request => Assert.Equal(completed.Contains(request.Path.Split('/')[^2]) ? 200 : 404, request.StatusCode));
    }

    [Fact]
    public async Task Run_EntityIdNotAUuid_IsAUsageError()
    {
        await using var night = await StartAsync();

        var run = await night.RunAsync("--entity-id", First, "--entity-id", "entity-2");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--entity-id 'entity-2' is not an entity id", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(night.Database));
    }

    private static Task<SimulatedNight> StartAsync() =>
        SimulatedNight.StartAsync(jobs: 30, configure: options => options with { EntityIds = [First, Second] });

    private static List<T> Query<T>(SimulatedNight night, string sql, object? parameters = null)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = night.Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        return connection.Query<T>(sql, parameters).ToList();
    }

    /// <summary>The report's cells; its values hold no commas or quotes (ids, type names, numbers).</summary>
    private static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), lines.Skip(1).Select(line => line.Split(',')).ToList());
    }
}
