using BulkEtl.Cli.Commands;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Cli;

public sealed class OutputFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EnsureWritable_SymlinkPlantedWhereTheProbeWasNamed_TargetUntouched()
    {
        var output = Directory.CreateDirectory(_folder.File("out")).FullName;
        var precious = _folder.File("precious.txt");
        File.WriteAllText(precious, "keep me");
        // The name the probe had when it was predictable (the process id).
        var planted = Path.Combine(output, $".bulk-etl-write-test-{Environment.ProcessId}");
        File.CreateSymbolicLink(planted, precious);

        var result = OutputFolder.EnsureWritable(output);

        Assert.Equal(output, result);
        Assert.Equal("keep me", File.ReadAllText(precious));
        Assert.NotNull(new FileInfo(planted).LinkTarget);
        Assert.Equal([planted], Directory.GetFileSystemEntries(output));
    }
}
