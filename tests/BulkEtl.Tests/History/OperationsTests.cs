using System.Text.Json;
using BulkEtl.Cli;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.History;

/// <summary>What cron, systemd and log shippers see of a run.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Run_JsonLogFormat_EveryStderrLineIsJsonCarryingTheRunAndTrackIds()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 30);

        var result = await ChildProcess.RunAsync(night.RunArgs("--log-level", "information", "--log-format", "json"), TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var connection = StoreDatabase.Open(night.Database);
        var run = new RunLedger(connection, TimeProvider.System).Latest(1).Single();
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var documents = lines.Select(line => JsonDocument.Parse(line)).ToList();
        var runLines = documents.Where(document => document.RootElement.GetProperty("Category").GetString() == "BulkEtl.Run.NightlyRun").ToList();
        Assert.NotEmpty(runLines);
        Assert.All(runLines, document =>
        {
            var scope = document.RootElement.GetProperty("Scopes")[0];
            Assert.Equal(run.Id, scope.GetProperty("RunId").GetString());
            Assert.Equal(run.TrackId, scope.GetProperty("TrackId").GetString());
        });
        Assert.DoesNotContain('\r', result.Error);
    }

    [Fact]
    public async Task Run_OnAnInteractiveTerminal_DrawsAProgressLine()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 250);

        var result = await CliRunner.RunAsync(TimeProvider.System, interactive: true, night.RunArgs());

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Contains("\rlisted ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OnAnInteractiveTerminalAfterACompleteListing_EstimatesTheTotalFromIt()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 250);
        var first = await CliRunner.RunAsync(TimeProvider.System, interactive: true, night.RunArgs());
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.DoesNotContain(" of ~", first.Error, StringComparison.Ordinal);

        var second = await CliRunner.RunAsync(TimeProvider.System, interactive: true, night.RunArgs());

        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.Contains(" of ~250, ", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NotInteractive_DrawsNoProgressLine()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 250);

        var result = await night.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.DoesNotContain("\r", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" elapsed", result.Error, StringComparison.Ordinal);
    }
}
