using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>
/// Writes rows of one type to a CSV file through its <see cref="ClassMap{TClass}"/>, atomically:
/// readers of <c>path</c> see the old file or the whole new one, never a half-written file.
/// </summary>
internal sealed class CsvFileWriter<TRow>
{
    /// <summary>
    /// UTF-8 without a byte order mark: the header is a contract that scripts and SQL loaders read byte for byte,
    /// and a BOM would glue itself to the first column's name. (Excel users: Data → From Text/CSV, UTF-8.)
    /// </summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ClassMap<TRow> _map;

    public CsvFileWriter(ClassMap<TRow> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
    }

    /// <summary>
    /// Writes a header and <paramref name="rows"/> to a temp file beside <paramref name="path"/>,
    /// flushes it to disk, then moves it over <paramref name="path"/>. Creates the folder if missing.
    /// </summary>
    /// <returns>The full path written.</returns>
    /// <exception cref="ReportException">The folder or file cannot be created or written; no temp file is left.</exception>
    public async Task<string> WriteAsync(string path, IEnumerable<TRow> rows, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(rows);
        try
        {
            return await AtomicFile.WriteAsync(path, (stream, token) => WriteCsvAsync(stream, rows, token), cancellationToken);
        }
        catch (CsvHelperException exception) when (exception.InnerException is OperationCanceledException)
        {
            // CsvHelper wraps everything thrown while writing records, cancellation included.
            throw new OperationCanceledException("writing the CSV file was cancelled", exception.InnerException, cancellationToken);
        }
        catch (CsvHelperException exception) when (exception.InnerException is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"cannot write '{Path.GetFullPath(path)}': {exception.InnerException.Message.ReplaceLineEndings(" ")}", exception);
        }
    }

    private async Task WriteCsvAsync(Stream stream, IEnumerable<TRow> rows, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(stream, Utf8, bufferSize: -1, leaveOpen: true);
        await using var csv = new FormulaSafeCsvWriter(text, FormulaSafeCsvWriter.CreateConfiguration(), leaveOpen: true);
        csv.Context.RegisterClassMap(_map);
        await csv.WriteRecordsAsync(rows, cancellationToken);
        await csv.FlushAsync();
        await text.FlushAsync(cancellationToken);
    }
}
