using System.Globalization;
using System.Text;
using BulkEtl.Model;
using BulkEtl.Report;
using BulkEtl.Tests.TestSupport;
using CsvHelper;

namespace BulkEtl.Tests.Report;

public sealed class FailureRateReportWriteTests : IDisposable
{
    private static readonly DateOnly From = new(2021, 2, 23);
    private static readonly DateOnly To = new(2021, 2, 24);
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    /// <summary>The report as the commands write it (ReportPublisher, with its manifest); returns the CSV's path.</summary>
    private async Task<string> WriteAsync(DateOnly from, DateOnly to, string folder, CancellationToken cancellationToken) =>
        (await new ReportPublisher(_store.Connection, folder, TimeProvider.System)
            .FailureRatesAsync(new ReportScope(from, to), cancellationToken))[0].Path;

    [Fact]
    public async Task WriteAsync_FixedDataSet_MatchesExpectedFileByteForByte()
    {
        _store.Add("2021-02-23T00:00:00Z", "account", "Import", JobStatuses.Completed, 100, 90, 10);
        _store.Add("2021-02-24T23:59:59Z", "account", "Import", JobStatuses.Failed, 50, 0, 50);
        _store.Add("2021-02-23T08:00:00Z", "account", "Update", JobStatuses.Completed, 10, 10, 0);
        _store.Add("2021-02-23T09:00:00Z", null, "Delete", JobStatuses.Created);
        _store.Add("2021-02-23T10:00:00Z", "=cmd", "Import", JobStatuses.Failed, 3, 1, 2);
        _store.Add("2021-02-25T00:00:00Z", "account", "Import", JobStatuses.Failed, 999, 0, 999);
        _store.Add("2021-02-24T11:00:00Z", "Zeta", "Import", JobStatuses.Completed, 3, 2, 1);
        _store.Add("2021-02-24T12:00:00Z", "alpha", "Import", JobStatuses.Completed, 20000, 17531, 2469);
        _store.Add("2021-02-24T13:00:00Z", "a,b \"q\"", "Import", JobStatuses.Completed, 4, 3, 1);

        var path = await WriteAsync(From, To, _store.OutputFolder, CancellationToken.None);

        Assert.Equal(Path.Combine(_store.OutputFolder, "failure-rates_2021-02-23_2021-02-24.csv"), path);
        Assert.Equal(File.ReadAllBytes(TestData.PathOf("expected-failure-rates.csv")), File.ReadAllBytes(path));
    }

    [Fact]
    public async Task WriteAsync_NoJobs_WritesHeaderOnly()
    {
        var path = await WriteAsync(From, To, _store.OutputFolder, CancellationToken.None);

        Assert.Equal(
            "objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate\r\n",
            File.ReadAllText(path, Encoding.UTF8));
    }

    [Theory]
    [InlineData("=cmd")]
    [InlineData("+x")]
    [InlineData("-y")]
    [InlineData("@z")]
    [InlineData("|cmd")]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("  =cmd")]
    [InlineData(" +x")]
    [InlineData("   -y")]
    [InlineData(" @z")]
    [InlineData("\u00A0=cmd")]
    [InlineData("\u3000\u2003+x")]
    [InlineData("\uFF1Dcmd")]
    [InlineData("\uFF0Bx")]
    [InlineData("\uFF0Dy")]
    [InlineData("\uFF20z")]
    [InlineData(" \uFF1DSUM(A1)")]
    public async Task WriteAsync_FormulaLikeObjectType_PrefixedWithQuote(string objectType)
    {
        _store.Add("2021-02-23T12:00:00Z", objectType, "-Import", rowCount: 1, succeeded: 1, failed: 0);

        var path = await WriteAsync(From, To, _store.OutputFolder, CancellationToken.None);

        var row = Assert.Single(ReadBack(path));
        Assert.Equal("'" + objectType, row.ObjectType);
        Assert.Equal("'-Import", row.JobType);
    }

    /// <summary>
    /// Control, format and separator characters never reach a cell (a line break or tab becomes a space), and a formula
    /// behind any of them is still caught once they are gone.
    /// </summary>
    [Theory]
    [InlineData("\tq", " q")]
    [InlineData("\r=r", "' =r")]
    [InlineData(" \t=cmd", "'  =cmd")]
    [InlineData("\n=cmd", "' =cmd")]
    [InlineData("\u2028=cmd", "' =cmd")]
    [InlineData("\u200B=cmd", "'=cmd")]
    [InlineData("Acc\u202Eount\u202C", "Account")]
    [InlineData("\u001b[2J\u001b]52;c;ZXZpbA==\u0007Account", "[2J]52;c;ZXZpbA==Account")]
    [InlineData("name\u2066\u2069\uFEFF\u00AD", "name")]
    public async Task WriteAsync_ControlOrFormatCharacters_StrippedBeforeTheFormulaCheck(string objectType, string written)
    {
        _store.Add("2021-02-23T12:00:00Z", objectType, "Import", rowCount: 1, succeeded: 1, failed: 0);

        var path = await WriteAsync(From, To, _store.OutputFolder, CancellationToken.None);

        var row = Assert.Single(ReadBack(path));
        Assert.Equal(written, row.ObjectType);
        Assert.DoesNotContain(File.ReadAllText(path), c => c is '\u001b' or '\u0007' or '\u202E' or '\u2028' or '\u200B' or '\t');
    }

    [Fact]
    public async Task WriteAsync_NegativeCounts_CountedAsZeroWhileTheTextIsEscaped()
    {
        _store.Add("2021-02-23T12:00:00Z", "-neg", "Import", rowCount: -3, succeeded: 1, failed: -5);

        var path = await WriteAsync(From, To, _store.OutputFolder, CancellationToken.None);

        var lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal("\"'-neg\",Import,1,0,0,1,0,0.0000", lines[1]);
    }

    [Fact]
    public async Task WriteAsync_AwkwardText_SurvivesCsvRoundTrip()
    {
        string[] objectTypes = ["a,b", "say \"hi\"", "line1\nline2", "crlf\r\nend", "é", "日本語", " padded ", "plain"];
        // Line breaks are control characters: each becomes a space, so the words stay apart and a row stays one line.
        string[] written = ["a,b", "say \"hi\"", "line1 line2", "crlf  end", "é", "日本語", " padded ", "plain"];
        foreach (var objectType in objectTypes)
        {
            _store.Add("2021-02-23T12:00:00Z", objectType, "Import", rowCount: 2, succeeded: 1, failed: 1);
        }

        var path = await WriteAsync(From, To, _store.OutputFolder, CancellationToken.None);

        var rows = ReadBack(path);
        Assert.Equal(written.Order(StringComparer.Ordinal), rows.Select(row => row.ObjectType));
        Assert.All(rows, row => Assert.Equal(("Import", "1", "0", "2", "1", "1", "0.5000"),
            (row.JobType, row.Jobs, row.JobsFailed, row.RowCount, row.RowsSucceeded, row.RowsFailed, row.FailureRate)));
    }

    [Fact]
    public async Task WriteAsync_ExistingReport_ReplacedWithoutTempFileLeft()
    {
        Directory.CreateDirectory(_store.OutputFolder);
        var path = Path.Combine(_store.OutputFolder, FailureRateReport.FileName(From, To));
        await File.WriteAllTextAsync(path, "stale report");
        _store.Add("2021-02-23T12:00:00Z", "fresh", "Import");

        var written = await WriteAsync(From, To, _store.OutputFolder, CancellationToken.None);

        Assert.Equal(path, written);
        Assert.Contains("fresh,Import", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Equal([path, path + ManifestWriter.Suffix], Directory.GetFiles(_store.OutputFolder).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_MissingOutputFolder_CreatesIt()
    {
        var folder = Path.Combine(_store.OutputFolder, "nested", "deeper");

        var path = await WriteAsync(From, To, folder, CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal(folder, Path.GetDirectoryName(path));
    }

    [Fact]
    public async Task WriteAsync_FolderCannotBeCreated_ThrowsReportException()
    {
        Directory.CreateDirectory(_store.OutputFolder);
        var file = Path.Combine(_store.OutputFolder, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var exception = await Assert.ThrowsAsync<ReportException>(() =>
            WriteAsync(From, To, Path.Combine(file, "reports"), CancellationToken.None));

        Assert.DoesNotContain('\n', exception.Message);
        Assert.Equal([file], Directory.GetFileSystemEntries(_store.OutputFolder));
    }

    [Fact]
    public async Task WriteAsync_TargetCannotBeReplaced_ThrowsReportExceptionAndRemovesTempFile()
    {
        // A folder squatting on the report's name makes the final move fail after the temp file is written.
        var blocker = Path.Combine(_store.OutputFolder, FailureRateReport.FileName(From, To));
        Directory.CreateDirectory(blocker);
        _store.Add("2021-02-23T12:00:00Z");

        await Assert.ThrowsAsync<ReportException>(() =>
            WriteAsync(From, To, _store.OutputFolder, CancellationToken.None));

        Assert.Equal([blocker], Directory.GetFileSystemEntries(_store.OutputFolder));
    }

    [Fact]
    public async Task WriteAsync_FromAfterTo_ThrowsArgumentExceptionAndWritesNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            WriteAsync(To, From, _store.OutputFolder, CancellationToken.None));

        Assert.False(Directory.Exists(_store.OutputFolder));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_ThrowsAndLeavesNoFile()
    {
        _store.Add("2021-02-23T12:00:00Z");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            WriteAsync(From, To, _store.OutputFolder, cancellation.Token));

        Assert.False(Directory.Exists(_store.OutputFolder) && Directory.EnumerateFileSystemEntries(_store.OutputFolder).Any());
    }

    [Fact]
    public async Task CsvFileWriter_TwoWrites_SecondReplacesFirst()
    {
        var path = Path.Combine(_store.OutputFolder, "rows.csv");
        var writer = new CsvFileWriter<FailureRateRow>(FailureRateReport.Columns(withEntity: false));

        await writer.WriteAsync(path, [new FailureRateRow { ObjectType = "first", JobType = "Import", Jobs = 1 }], CancellationToken.None);
        await writer.WriteAsync(path, [new FailureRateRow { ObjectType = "second", JobType = "Import", Jobs = 1 }], CancellationToken.None);

        Assert.Equal(["second,Import,1,0,0,0,0,"], (await File.ReadAllLinesAsync(path)).Skip(1));
    }

    [Fact]
    public async Task CsvFileWriter_CancelledMidWrite_ThrowsCancellationAndLeavesNoFile()
    {
        var path = Path.Combine(_store.OutputFolder, "rows.csv");
        var writer = new CsvFileWriter<FailureRateRow>(FailureRateReport.Columns(withEntity: false));
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(path, RowsThenCancel(cancellation), cancellation.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_store.OutputFolder));
    }

    private static IEnumerable<FailureRateRow> RowsThenCancel(CancellationTokenSource cancellation)
    {
        yield return new FailureRateRow { ObjectType = "first", JobType = "Import", Jobs = 1 };
        cancellation.Cancel();
        yield return new FailureRateRow { ObjectType = "second", JobType = "Import", Jobs = 1 };
    }

    private static List<CsvRow> ReadBack(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        Assert.Equal(
            ["objectType", "jobType", "jobs", "jobsFailed", "rowCount", "rowsSucceeded", "rowsFailed", "failureRate"],
            csv.HeaderRecord!);
        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            rows.Add(new CsvRow(
                csv.GetField(0)!, csv.GetField(1)!, csv.GetField(2)!, csv.GetField(3)!,
                csv.GetField(4)!, csv.GetField(5)!, csv.GetField(6)!, csv.GetField(7)!));
        }

        return rows;
    }

    private sealed record CsvRow(
        string ObjectType, string JobType, string Jobs, string JobsFailed,
        string RowCount, string RowsSucceeded, string RowsFailed, string FailureRate);
}
