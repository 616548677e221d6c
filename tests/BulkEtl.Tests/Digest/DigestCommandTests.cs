using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Digest;

/// <summary><c>bulk-etl digest</c>: the page rebuilt from the store alone says what the run's own page said.</summary>
public sealed class DigestCommandTests
{
    [Fact]
    public async Task Digest_AfterARun_RebuildsTheRunsTableFromTheStore()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 150);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--no-failure-reasons")).ExitCode);
        var rebuilt = night.Folder.File("rebuilt");

        var result = await CliRunner.RunAsync("digest", "--db", night.Database, "--out", rebuilt, "--day", "2026-11-20");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var fromRun = DigestTable.Read(SteadyNight.Read(night, "digest_2026-11-20.html"));
        var fromStore = DigestTable.Read(await File.ReadAllTextAsync(Path.Combine(rebuilt, "digest_2026-11-20.html")));
        Assert.NotEmpty(fromRun);
        Assert.Equal(fromRun.OrderBy(entry => entry.Key).SelectMany(entry => entry.Value.Select(window => (entry.Key, window.Key, window.Value))),
            fromStore.OrderBy(entry => entry.Key).SelectMany(entry => entry.Value.Select(window => (entry.Key, window.Key, window.Value))));
        Assert.Contains("<span class=\"outcome succeeded\" id=\"outcome\">✔ succeeded</span>", await File.ReadAllTextAsync(Path.Combine(rebuilt, "digest_2026-11-20.html")),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-01", "is not a date")]
    [InlineData("1900-01-02", "outside the supported range")]
    public async Task Digest_BadDay_OneClearMessageAndExit2(string day, string message)
    {
        using var folder = new TempFolder();
        await using var night = await SimulatedNight.StartAsync(jobs: 5);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--no-failure-reasons")).ExitCode);

        var result = await CliRunner.RunAsync("digest", "--db", night.Database, "--out", folder.Path, "--day", day);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
        Assert.Empty(Directory.EnumerateFiles(folder.Path));
    }

    [Fact]
    public async Task Digest_MissingStore_Exit2AndCreatesNothing()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync("digest", "--db", folder.File("none.db"), "--out", folder.File("out"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(result.HasStackTrace);
        Assert.False(File.Exists(folder.File("none.db")));
    }
}
