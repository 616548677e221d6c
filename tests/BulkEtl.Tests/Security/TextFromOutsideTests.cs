using System.Text.Json;
using BulkEtl.Cli;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Security;

/// <summary>
/// Summaries whose text carries terminal escapes (screen clearing, OSC 52 clipboard writes), bidirectional overrides,
/// zero-width characters and line separators: none of it reaches the terminal, the CSVs or the report views.
/// </summary>
public sealed class TextFromOutsideTests
{
    private const string HostileStatus = "\u001b[2J\u001b]52;c;ZXZpbA==\u0007Completed\u202E";
    private const string HostileObjectType = "Acc\u202Eount\u2028\u200B";
    private const string HostileJobType = "Im\u2066port\u0085";

    [Fact]
    public async Task RunAndCheck_SummariesWithControlAndBidiCharacters_NoneReachesTerminalCsvOrViews()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 3);
        night.Simulator.Faults = new FaultOptions
        {
            RawSummaries = night.Simulator.Jobs.ToDictionary(job => job.Id, Hostile, StringComparer.Ordinal),
        };

        var run = await night.RunAsync();
        var check = await CliRunner.RunAsync(
            "check", "--base-url", night.Simulator.BaseUrl.ToString(), "--client-id", night.Simulator.Options.ClientId,
            "--client-secret", night.Simulator.Options.ClientSecret);
        var runs = await CliRunner.RunAsync("runs", "--db", night.Database);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.True(check.ExitCode == ExitCodes.Success, check.Error);
        Assert.Contains("]52;c;ZXZpbA==Completed)", check.Output, StringComparison.Ordinal);
        foreach (var (where, text) in new[] { ("run", run.Output + run.Error), ("check", check.Output + check.Error), ("runs", runs.Output) })
        {
            AssertClean(where, text.Replace("\n", "", StringComparison.Ordinal));
        }

        var csvs = Directory.GetFiles(night.Reports, "*.csv");
        Assert.NotEmpty(csvs);
        foreach (var csv in csvs)
        {
            AssertClean(csv, File.ReadAllText(csv).Replace("\r\n", "", StringComparison.Ordinal));
        }

        Assert.Contains("\"Account \",\"Import \",", File.ReadAllText(Path.Combine(night.Reports, "failure-rates_2026-10-22_2026-11-20.csv")),
            StringComparison.Ordinal);
        using var connection = new SqliteConnection($"Data Source={night.Database};Mode=ReadOnly;Pooling=False");
        var stored = connection.Query<string>(
            """
            SELECT object_type || job_type || status || failure_reason FROM bulk_jobs
            UNION ALL SELECT object_type || job_type FROM failure_rates_by_period
            """).ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, text => AssertClean("the store", text));
    }

    private static string Hostile(SimulatedJob job) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = job.Id,
        ["name"] = "name\u001b[31m\u2029",
        ["description"] = "desc\u200F\u0000",
        ["createdAt"] = job.CreatedAt.ToUnixTimeMilliseconds(),
        ["status"] = HostileStatus,
        ["rowCount"] = 10,
        ["rowsSucceeded"] = 8,
        ["rowsFailed"] = 2,
        ["lastUpdatedAt"] = job.LastUpdatedAt.ToUnixTimeMilliseconds(),
        ["failureReason"] = "bad\u001b[5m row\u2029",
        ["objectType"] = HostileObjectType,
        ["jobType"] = HostileJobType,
    });

    private static void AssertClean(string where, string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            Assert.False(BulkEtl.Extract.SafeText.IsUnsafe(text[index]), $"{where} holds U+{(int)text[index]:X4} at {index}");
        }
    }
}
