using BulkEtl.Cli;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Mono.Unix.Native;

namespace BulkEtl.Tests.Security;

/// <summary>
/// The files a night writes are regular files and folders, or nothing yet: a FIFO, a device or a link to one is refused
/// (exit 2) before anything opens it, and the lock never follows a link.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalPathTests : IAsyncLifetime
{
    /// <summary>A refused path answers at once; a FIFO that was opened would block for ever.</summary>
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(60);

    private SimulatedNight _night = null!;

    public async Task InitializeAsync() => _night = await SimulatedNight.StartAsync(jobs: 3);

    public async Task DisposeAsync() => await _night.DisposeAsync();

    public static TheoryData<string, string> Refused => new()
    {
        { "--metrics-file", "fifo" }, { "--metrics-file", "link to /dev/zero" },
        { "--db", "fifo" }, { "--db", "link to /dev/zero" }, { "--db", "/dev/null" },
        { "--out", "link to /dev/null" }, { "--out", "fifo" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Run_PathThatIsNotARegularFileOrFolder_RefusedWithExit2AndNothingOpened(string flag, string kind)
    {
        var path = Special(kind);
        var args = _night.RunArgs().ToList();
        if (args.IndexOf(flag) is var given and >= 0)
        {
            args[given + 1] = path;
        }
        else
        {
            args.AddRange([flag, path]);
        }

        var result = await CliRunner.RunAsync([.. args]).WaitAsync(Answer);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains(flag, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
        Assert.False(File.Exists(_night.Database), "the store was created although the run was refused");
        Assert.Equal(0, _night.Simulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task Report_DatabaseIsAFifo_RefusedWithExit2()
    {
        var result = await CliRunner.RunAsync("report", "--db", Special("fifo"), "--out", _night.Reports).WaitAsync(Answer);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains("FIFO", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LockPathIsAPlantedSymlink_RefusedAndItsTargetNeverCreated()
    {
        var target = _night.Folder.File("planted-target");
        File.CreateSymbolicLink(_night.Database + ".lock", target);

        var result = await CliRunner.RunAsync(_night.RunArgs()).WaitAsync(Answer);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.Error);
        Assert.Contains("symbolic link", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(target), "the lock followed the planted link and created its target");
    }

    [Fact]
    public void TryAcquire_LockPathIsASymlinkToAnExistingFile_RefusedWithoutOpeningIt()
    {
        var database = _night.Folder.File("locked.db");
        var target = _night.Folder.File("someone-elses-file");
        File.WriteAllText(target, "keep");
        File.CreateSymbolicLink(database + ".lock", target);

        var refusal = Assert.Throws<StoreException>(() => RunLock.TryAcquire(database));

        Assert.True(refusal.IsWrongFile);
        Assert.Equal("keep", File.ReadAllText(target));
    }

    [Fact]
    public void TryAcquire_NewLock_CreatedOwnerOnlyAndHeld()
    {
        var database = _night.Folder.File("fresh.db");

        using var held = RunLock.TryAcquire(database);
        using var second = RunLock.TryAcquire(database);

        Assert.NotNull(held);
        Assert.Null(second);
        Assert.Equal(LocalPath.Private, File.GetUnixFileMode(database + ".lock"));
    }

    private string Special(string kind)
    {
        var path = _night.Folder.File($"special-{Guid.NewGuid():N}");
        switch (kind)
        {
            case "fifo":
                Assert.Equal(0, Syscall.mkfifo(path, FilePermissions.S_IRUSR | FilePermissions.S_IWUSR));
                return path;
            case "link to /dev/zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                return path;
            case "link to /dev/null":
                File.CreateSymbolicLink(path, "/dev/null");
                return path;
            default:
                return kind;
        }
    }
}
