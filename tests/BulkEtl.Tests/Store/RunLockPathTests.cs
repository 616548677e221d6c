using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Store;

public sealed class RunLockPathTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TryAcquire_ThroughASymlinkToTheHeldDatabase_Refused()
    {
        var real = CreateDatabase(Directory.CreateDirectory(_folder.File("data")).FullName, "bulk.db");
        var link = _folder.File("link.db");
        File.CreateSymbolicLink(link, real);
        using var first = RunLock.TryAcquire(real);

        using var second = RunLock.TryAcquire(link);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public void TryAcquire_ThroughASymlinkedFolder_Refused()
    {
        var realFolder = Directory.CreateDirectory(_folder.File("data")).FullName;
        var real = CreateDatabase(realFolder, "bulk.db");
        var linkedFolder = _folder.File("data-link");
        Directory.CreateSymbolicLink(linkedFolder, realFolder);
        using var first = RunLock.TryAcquire(Path.Combine(linkedFolder, "bulk.db"));

        using var second = RunLock.TryAcquire(real);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(RunLock.PathFor(real), RunLock.PathFor(Path.Combine(linkedFolder, "bulk.db")));
    }

    [Fact]
    public void TryAcquire_ReleasedThroughTheOtherPath_TakenAgain()
    {
        var real = CreateDatabase(Directory.CreateDirectory(_folder.File("data")).FullName, "bulk.db");
        var link = _folder.File("link.db");
        File.CreateSymbolicLink(link, real);
        RunLock.TryAcquire(link)!.Dispose();

        using var again = RunLock.TryAcquire(real);

        Assert.NotNull(again);
    }

    private static string CreateDatabase(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        StoreDatabase.Open(path).Dispose();
        return path;
    }
}
