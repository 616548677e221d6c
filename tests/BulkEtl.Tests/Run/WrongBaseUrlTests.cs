using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Run;

/// <summary>
/// A base URL that does not reach Zuora's Bulk Data API must end as a configuration error (exit 2) that changes no
/// stored job, never as a successful night that marks the tenant deleted; an empty tenant stays a success.
/// </summary>
public sealed class WrongBaseUrlTests
{
    [Theory]
    [InlineData("v1/", false)]
    [InlineData("v1/", true)]
    [InlineData("eu/rest/", true)]
    public async Task Run_BaseUrlWithAPathSuffix_ExitsTwoNamingTheUrlAndChangesNoStoredJob(string suffix, bool staticToken)
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        var before = StoreState.All(night.Database);
        var wrongUrl = night.Simulator.BaseUrl + suffix;

        var result = await CliRunner.RunAsync(Arguments(night, wrongUrl, staticToken));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains(wrongUrl, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
        Assert.Equal(before, StoreState.All(night.Database));
    }

    [Fact]
    public async Task Run_EmptyListingWhileEveryStoredUnfinishedJobAnswers404_ExitsTwoAndMarksNothingDeleted()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        Assert.Contains(night.Simulator.Jobs, job => job.Status is "In Progress" or "Created" or "Submitted");
        var before = StoreState.All(night.Database);
        foreach (var job in night.Simulator.Jobs)
        {
            night.Simulator.RemoveJob(job.Id);
        }

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains(night.Simulator.BaseUrl.ToString(), result.Error, StringComparison.Ordinal);
        Assert.Contains("no job was marked deleted", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, StoreState.All(night.Database));
    }

    [Fact]
    public async Task Run_EmptyTenantAndEmptyStore_IsASuccess()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 0);

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Empty(StoreState.Jobs(night.Database));
    }

    [Fact]
    public async Task Run_OneDeletedUnfinishedJobAmongListedOnes_IsStillMarkedDeleted()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 60);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        var unfinished = night.Simulator.Jobs.First(job => job.Status is "In Progress" or "Created" or "Submitted");
        night.Simulator.RemoveJob(unfinished.Id);

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var connection = new SqliteConnection($"Data Source={night.Database};Pooling=False");
        Assert.NotNull(connection.ExecuteScalar<string>("SELECT not_found_at FROM bulk_jobs WHERE id = @Id", new { unfinished.Id }));
    }

    private static string[] Arguments(SimulatedNight night, string baseUrl, bool staticToken)
    {
        var arguments = night.RunArgs().ToList();
        arguments[arguments.IndexOf("--base-url") + 1] = baseUrl;
        if (staticToken)
        {
            var at = arguments.IndexOf("--client-id");
            arguments.RemoveRange(at, 4);
            arguments.AddRange(["--token", night.Simulator.Options.StaticTokens[0]]);
        }

        return [.. arguments];
    }
}
