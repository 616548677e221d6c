using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Cli;

public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] Run(params string[] extra) =>
    [
        "run", "--base-url", "http://127.0.0.1:9", "--token", "t", "--db", _folder.File("a.db"), "--out", _folder.Path, .. extra,
    ];

    [Theory]
    [InlineData("--job-id", "../../oauth/token")]
    [InlineData("--job-id", "3a3e85c4 96e7")]
    [InlineData("--job-id", "a0123456789012345678901234567890123456789012345678901234567890123")]
    [InlineData("--from", "2026-13-01")]
    [InlineData("--to", "yesterday")]
    [InlineData("--max-concurrency", "0")]
    [InlineData("--log-format", "xml")]
    public async Task Run_InvalidValue_ExitsTwoWithOneLineAndNoStackTrace(string flag, string value)
    {
        var result = await CliRunner.RunAsync(Run(flag, value));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(result.HasStackTrace);
        Assert.False(File.Exists(_folder.File("a.db")), "nothing may be stored on bad input");
    }

    [Fact]
    public async Task Run_FromAfterTo_ExitsTwoNamingBothDates()
    {
        var result = await CliRunner.RunAsync(Run("--from", "2026-11-20", "--to", "2026-11-01"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("2026-11-20", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlainHttpToARemoteHost_ExitsTwoBeforeSendingTheToken()
    {
        var result = await CliRunner.RunAsync("run", "--base-url", "http://rest.zuora.com", "--token", "secret-token",
            "--db", _folder.File("a.db"), "--out", _folder.Path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("https", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownFlag_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(Run("--no-such-flag"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public async Task Run_OutputFolderIsAFile_ExitsTwoWithoutStoring()
    {
        var blocker = _folder.File("not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");

        var result = await CliRunner.RunAsync("run", "--base-url", "http://127.0.0.1:9", "--token", "t",
            "--db", _folder.File("a.db"), "--out", Path.Combine(blocker, "reports"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("not writable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnreachableHost_ExitsOneWithOneClearLine()
    {
        var result = await CliRunner.RunAsync(Run("--max-retries", "0", "--log-level", "none"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("listing the job summaries failed", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public async Task Report_MissingDatabase_ExitsTwoAndCreatesNothing()
    {
        var database = _folder.File("missing.db");

        var result = await CliRunner.RunAsync("report", "--db", database, "--out", _folder.Path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(File.Exists(database));
    }
}
