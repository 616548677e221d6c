using BulkEtl.Cli;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Cli;

/// <summary>Days .NET can parse but a report cannot compute with (the midnight after 9999-12-31) are refused up front.</summary>
public sealed class DateRangeTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _database;

    public DateRangeTests()
    {
        _database = _folder.File("store.db");
        StoreDatabase.Open(_database).Dispose();
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("report", "--to", "9999-12-31")]
    [InlineData("report", "--from", "9999-01-01", "--to", "9999-01-02")]
    [InlineData("report", "--as-of", "9999-12-31T23:00:00Z")]
    [InlineData("trend", "--to", "9999-12-31")]
    [InlineData("trend", "--from", "9999-01-01", "--to", "9999-01-02")]
    [InlineData("trend", "--as-of", "9999-12-31T23:00:00Z")]
    [InlineData("trend", "--by", "week", "--to", "9999-12-31")]
    [InlineData("report", "--from", "0001-01-01", "--to", "0001-01-02")]
    [InlineData("trend", "--from", "0099-12-31", "--to", "2026-01-02")]
    [InlineData("report", "--as-of", "0001-01-01T00:00:00Z")]
    public async Task ReadCommand_DateOutsideSupportedRange_ExitsTwoNamingTheFlag(params string[] arguments)
    {
        var result = await CliRunner.RunAsync([.. arguments, "--db", _database, "--out", _folder.File("out")]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("outside the supported range", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
        Assert.False(Directory.Exists(_folder.File("out")), "nothing may be written before the dates are checked");
    }

    [Fact]
    public async Task Run_ToOutsideSupportedRange_ExitsTwoBeforeCallingZuora()
    {
        var database = _folder.File("run.db");

        var result = await CliRunner.RunAsync("run", "--base-url", "http://127.0.0.1:9", "--token", "t",
            "--db", database, "--out", _folder.Path, "--to", "9999-12-31");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("outside the supported range", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Theory]
    [InlineData("report")]
    [InlineData("trend")]
    public async Task ReadCommand_ToNearTheFirstDay_DefaultWindowStartsAtTheFirstDay(string command)
    {
        var result = await CliRunner.RunAsync(command, "--db", _database, "--out", _folder.File("out"), "--to", "1900-01-10");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Contains("_1900-01-01_1900-01-10", result.Output, StringComparison.Ordinal);
    }
}
