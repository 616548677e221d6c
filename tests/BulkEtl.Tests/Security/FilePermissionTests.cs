using BulkEtl.Cli;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Security;

/// <summary>
/// What a night creates has the permissions it means, whatever the umask; a configuration file others could have
/// written is not read unless named.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FilePermissionTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Report = Private | UnixFileMode.GroupRead;
    private const UnixFileMode ReportFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    [Fact]
    public async Task Run_UnderAPermissiveUmask_StoreLockAndMetricsOwnerOnlyReportsGroupReadable()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 5);
        var metrics = night.Folder.File("metrics/bulk_etl.prom");
        Directory.CreateDirectory(Path.GetDirectoryName(metrics)!);

        var result = await ChildProcess.RunAsync(night.RunArgs("--metrics-file", metrics), TimeSpan.FromMinutes(2), umask: "000");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(Private, File.GetUnixFileMode(night.Database));
        Assert.Equal(Private, File.GetUnixFileMode(night.Database + ".lock"));
        Assert.Equal(Private, File.GetUnixFileMode(metrics));
        Assert.Equal(ReportFolder, File.GetUnixFileMode(night.Reports));
        var reports = Directory.GetFiles(night.Reports);
        Assert.Contains(reports, file => file.EndsWith(".csv", StringComparison.Ordinal));
        Assert.All(reports, file => Assert.True(File.GetUnixFileMode(file) == Report, $"{file} is {File.GetUnixFileMode(file)}"));
        foreach (var companion in new[] { "-wal", "-shm" }.Select(suffix => night.Database + suffix).Where(File.Exists))
        {
            Assert.Equal(Private, File.GetUnixFileMode(companion));
        }
    }

    [Theory]
    [InlineData("writable by others")]
    [InlineData("owned by another user")]
    public async Task ConfigShow_ImplicitConfigFileOthersCouldHaveWritten_RefusedUnlessNamed(string kind)
    {
        using var folder = new TempFolder();
        var file = folder.File("bulk-etl.json");
        await File.WriteAllTextAsync(file, """{ "Zuora": { "BaseUrl": "https://attacker.example" } }""");
        File.SetUnixFileMode(file, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead
            | (kind == "writable by others" ? UnixFileMode.OtherWrite : 0));
        if (kind == "owned by another user")
        {
            // nobody: tests run as root (as CI does), which may hand a file to another user.
            Assert.Equal(0, Mono.Unix.Native.Syscall.chown(file, 65534, 65534));
        }

        var implicitly = await CliRunner.WithEnvironmentAsync(new Dictionary<string, string>(), folder.Path, "config", "show");
        var named = await CliRunner.WithEnvironmentAsync(new Dictionary<string, string>(), folder.Path, "config", "show", "--config", file);

        Assert.Equal(ExitCodes.Usage, implicitly.ExitCode);
        Assert.Contains(kind == "writable by others" ? "writable by other users" : "owned by another user", implicitly.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", implicitly.Output, StringComparison.Ordinal);
        Assert.True(named.ExitCode == ExitCodes.Success, named.Error);
        Assert.Contains("https://attacker.example", named.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task ConfigShow_ConfigFileHoldingASecret_WarnsWhenOthersCanReadIt(bool readableByOthers, bool warned)
    {
        using var folder = new TempFolder();
        var file = folder.File("bulk-etl.json");
        await File.WriteAllTextAsync(file, """{ "Zuora": { "BaseUrl": "https://rest.test.zuora.com", "ClientSecret": "in-the-file" } }""");
        File.SetUnixFileMode(file, Private | (readableByOthers ? UnixFileMode.GroupRead | UnixFileMode.OtherRead : 0));

        var result = await CliRunner.WithEnvironmentAsync(new Dictionary<string, string>(), folder.Path, "config", "show");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(warned, result.Error.Contains("holds a secret (Zuora:ClientSecret) and is readable by other users", StringComparison.Ordinal));
        Assert.DoesNotContain("in-the-file", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewStore_CreatedOwnerOnly()
    {
        using var folder = new TempFolder();
        var database = folder.File("store.db");

        StoreDatabase.Open(database).Dispose();

        Assert.Equal(Private, File.GetUnixFileMode(database));
    }
}
