using BulkEtl.Report;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Report;

public sealed class AtomicFileTests : IDisposable
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddDays(-2);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RemoveLeftovers_OldForeignTempFile_Survives()
    {
        var foreign = Plant(".foo.tmp");
        var foreignLookalike = Plant($".notes.txt.{Guid.NewGuid():N}.tmp");

        AtomicFile.RemoveLeftovers(_folder.Path, TimeProvider.System, TimeSpan.FromHours(1));

        Assert.True(File.Exists(foreign), "another tool's temp file is not ours to delete");
        Assert.True(File.Exists(foreignLookalike), "a temp-like name for a file BulkEtl never writes is not ours");
    }

    [Fact]
    public void RemoveLeftovers_OldOwnTempFiles_Removed()
    {
        var scope = new ReportScope(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        string[] names =
        [
            FailureRateReport.FileName(scope.From, scope.To),
            FailureRateReport.FileName(scope.From, scope.To) + ManifestWriter.Suffix,
            DataQualityReport.FileName(scope),
            FailureReasonReport.FileName(scope),
            FailureReasonReport.FileName(scope) + ManifestWriter.Suffix,
            FailureRateTrendReport.BaseName(TrendPeriod.Week, scope) + ".csv",
            FailureRateTrendReport.BaseName(TrendPeriod.Day, scope) + ".png",
            FailureRateTrendReport.BaseName(TrendPeriod.Day, scope) + ".svg",
        ];
        var own = names.Select(name => Plant(AtomicFile.TempName(name))).ToList();
        var fresh = Plant(AtomicFile.TempName(names[0]), DateTime.UtcNow);

        AtomicFile.RemoveLeftovers(_folder.Path, TimeProvider.System, TimeSpan.FromHours(1));

        Assert.All(own, path => Assert.False(File.Exists(path), $"{path} is an old leftover of ours"));
        Assert.True(File.Exists(fresh), "a writer may be busy with a fresh temp file");
    }

    [Fact]
    public async Task WriteAsync_TargetIsASymlink_ReplacesTheLinkNotWhatItPointsTo()
    {
        var precious = _folder.File("precious.txt");
        await File.WriteAllTextAsync(precious, "keep me");
        var output = Directory.CreateDirectory(_folder.File("out")).FullName;
        var target = Path.Combine(output, "failure-rates_2026-11-01_2026-11-30.csv");
        File.CreateSymbolicLink(target, precious);

        await AtomicFile.WriteAsync(target, "new"u8.ToArray(), CancellationToken.None);

        Assert.Equal("keep me", await File.ReadAllTextAsync(precious));
        Assert.Null(new FileInfo(target).LinkTarget);
        Assert.Equal("new", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task WriteAsync_MidWrite_ReaderSeesTheWholeOldFileThenTheWholeNewOne()
    {
        var target = _folder.File("failure-rates_2026-11-01_2026-11-30.csv");
        await File.WriteAllTextAsync(target, "old report");
        string? seenMidWrite = null;

        await AtomicFile.WriteAsync(target, async (stream, token) =>
        {
            await stream.WriteAsync("new "u8.ToArray(), token);
            await stream.FlushAsync(token);
            seenMidWrite = await File.ReadAllTextAsync(target, token);
            await stream.WriteAsync("report"u8.ToArray(), token);
        }, CancellationToken.None);

        Assert.Equal("old report", seenMidWrite);
        Assert.Equal("new report", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFiles(_folder.Path));
    }

    [Theory]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(InvalidOperationException))]
    public async Task WriteAsync_WriterFailsHalfWay_KeepsTheOldFileAndRemovesTheTempFile(Type failure)
    {
        var target = _folder.File("failure-rates_2026-11-01_2026-11-30.csv");
        await File.WriteAllTextAsync(target, "old report");
        var tempSeen = false;

        var error = await Record.ExceptionAsync(() => AtomicFile.WriteAsync(target, async (stream, token) =>
        {
            await stream.WriteAsync("half"u8.ToArray(), token);
            tempSeen = Directory.GetFiles(_folder.Path, AtomicFile.TempPattern).Length == 1;
            throw (Exception)Activator.CreateInstance(failure, "disk gone")!;
        }, CancellationToken.None));

        Assert.NotNull(error);
        Assert.True(tempSeen, "the writer writes into a temp file first");
        Assert.Equal("old report", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFiles(_folder.Path));
    }

    private string Plant(string name, DateTime? lastWrite = null)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, lastWrite ?? LongAgo);
        return path;
    }
}
