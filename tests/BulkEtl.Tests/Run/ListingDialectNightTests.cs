using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Run;

/// <summary>
/// Whole nights against a simulator that speaks each dialect Zuora's reference leaves open (the cursor's name, the empty
/// tenant's 404, the error shape) and against lists that never end: a wrong guess is loud on the first night, never a
/// short success, and nothing is marked deleted on a listing that was not proven whole.
/// </summary>
public sealed class ListingDialectNightTests
{
    [Fact]
    public async Task Run_CursorUnderNextPage_StoresATenantOfAThousandJobsWhole()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 1000, faults: Dialect(new ZuoraDialect { CursorField = ZuoraDialect.NextPage }));

        var result = await night.RunAsync("--no-failure-reasons");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(1000, Scalar(night.Database, "SELECT COUNT(*) FROM bulk_jobs"));
    }

    [Fact]
    public async Task Run_ExactlyOneHundredJobsAndNoTrailingCursor_IsASuccess()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 100);

        var result = await night.RunAsync("--no-failure-reasons");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(100, Scalar(night.Database, "SELECT COUNT(*) FROM bulk_jobs"));
    }

    [Fact]
    public async Task Run_CursorUnderAnUnknownName_IsPartialNamingTheFieldAndMarksNothingDeleted()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 120);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--no-failure-reasons")).ExitCode);
        // An unfinished job is asked for by id after the listing: gone, it would be marked deleted after a complete one.
        var gone = night.Simulator.Jobs.First(job => job.Status is "In Progress" or "Created" or "Submitted");
        night.Simulator.RemoveJob(gone.Id);
        night.Simulator.Faults = Dialect(new ZuoraDialect { CursorField = "continuationToken" });

        var result = await night.RunAsync("--no-failure-reasons");

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.Contains("continuationToken", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, Scalar(night.Database, "SELECT COUNT(*) FROM bulk_jobs WHERE not_found_at IS NOT NULL"));
        var ledger = Single(night.Database, "SELECT outcome || ': ' || failure_message FROM etl_runs ORDER BY started_at DESC LIMIT 1");
        Assert.StartsWith("partial: ", ledger, StringComparison.Ordinal);
        Assert.Contains("continuationToken", ledger, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(night.Reports, "failure-rates_2026-10-22_2026-11-20.csv")));
    }

    [Fact]
    public async Task Run_NoCursorAtAll_EndsAfterTheFirstFullPageAsTheReferenceAllows()
    {
        // "data" alone on a full page is the end of the list: a tenant whose count is a multiple of the page size.
        await using var night = await SimulatedNight.StartAsync(jobs: 120, faults: Dialect(new ZuoraDialect { CursorField = null }));

        var result = await night.RunAsync("--no-failure-reasons");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(50, Scalar(night.Database, "SELECT COUNT(*) FROM bulk_jobs"));
    }

    [Theory]
    [InlineData(EmptyListAnswer.Envelope, ErrorShape.V1Envelope, ExitCodes.Success)]
    [InlineData(EmptyListAnswer.Envelope, ErrorShape.CodeAndMessage, ExitCodes.Success)]
    [InlineData(EmptyListAnswer.Envelope, ErrorShape.NestedError, ExitCodes.Success)]
    [InlineData(EmptyListAnswer.EnvelopeWithoutCode, ErrorShape.V1Envelope, ExitCodes.Success)]
    [InlineData(EmptyListAnswer.Gateway, ErrorShape.V1Envelope, ExitCodes.Usage)]
    public async Task Run_EmptyTenant_IsRecognisedByZuorasEnvelopeOnly(EmptyListAnswer answer, ErrorShape shape, int exitCode)
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 0, faults: Dialect(new ZuoraDialect { EmptyList = answer, Errors = shape }));

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == exitCode, result.Error);
        Assert.False(result.HasStackTrace);
    }

    [Theory]
    [InlineData(ErrorShape.V1Envelope, "processId ")]
    [InlineData(ErrorShape.CodeAndMessage, "(code 50000060)")]
    [InlineData(ErrorShape.NestedError, "(code 50000060)")]
    public async Task Run_AJobThatKeepsFailing_NamesZuorasCodeAndRequestIdOnStderrAndInTheLedger(ErrorShape shape, string expected)
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20);
        var failing = night.Simulator.Jobs[5].Id;
        night.Simulator.Faults = new FaultOptions
        {
            Dialect = new ZuoraDialect { Errors = shape },
            AlwaysFailIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { failing },
        };

        var result = await night.RunAsync("--no-failure-reasons", "--max-retries", "1");

        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        var reason = Single(night.Database, "SELECT reason FROM etl_run_jobs WHERE job_id = @failing", new { failing });
        foreach (var text in new[] { reason, result.Error })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
            Assert.Contains("Zuora-Request-Id ", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(EndlessListing.RepeatedPage, "no job the listing had not shown")]
    [InlineData(EndlessListing.CursorCycle, "cycle")]
    [InlineData(EndlessListing.FreshJobs, "past 8 pages")]
    public async Task Run_AListThatNeverEnds_FailsNamingWhyAndMarksNothingDeleted(EndlessListing endless, string why)
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 120);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--no-failure-reasons")).ExitCode);
        var gone = night.Simulator.Jobs.First(job => job.Status is "In Progress" or "Created" or "Submitted");
        night.Simulator.RemoveJob(gone.Id);
        night.Simulator.Faults = new FaultOptions { EndlessListing = endless };

        var result = await night.RunAsync("--no-failure-reasons", "--max-list-pages", "8");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.Error);
        Assert.Contains(why, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, Scalar(night.Database, "SELECT COUNT(*) FROM bulk_jobs WHERE not_found_at IS NOT NULL"));
    }

    [Fact]
    public async Task Run_AListThatNeverEnds_IsStoppedByTheBoundDerivedFromTheLastCompleteListing()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--no-failure-reasons")).ExitCode);
        night.Simulator.Faults = new FaultOptions { EndlessListing = EndlessListing.FreshJobs };

        var result = await night.RunAsync("--no-failure-reasons");

        // 60 jobs are 2 pages: at most 102 pages (4 times, at least 100 more) before the listing is failed.
        Assert.True(result.ExitCode == ExitCodes.Failure, result.Error);
        Assert.Contains("past 102 pages", result.Error, StringComparison.Ordinal);
        Assert.Equal(2 + 102, night.Simulator.Stats.ListRequests);
    }

    private static FaultOptions Dialect(ZuoraDialect dialect) => new() { Dialect = dialect };

    private static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        return connection.ExecuteScalar<long>(sql);
    }

    private static string Single(string database, string sql, object? parameters = null)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        return connection.ExecuteScalar<string>(sql, parameters) ?? "";
    }
}
