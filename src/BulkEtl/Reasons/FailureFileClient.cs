using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace BulkEtl.Reasons;

/// <summary>
/// Reads a job's files from the file host (object storage behind pre-signed links). Its HttpClient carries no default
/// header, so neither Zuora's Authorization nor any Zuora-* header can reach the host; it follows no redirect, takes
/// https only (plain http to a loopback address only, for tests), accepts gzip, and streams: an error-rows file is
/// parsed row by row with CsvHelper and only fingerprints are kept, a source file is read to the end of its header.
/// </summary>
internal sealed class FailureFileClient(HttpClient httpClient, FailureFileOptions options)
{
    private const int MaxCachedCells = 10_000;

    /// <summary>An HttpClient fit for the file host: no default headers, no redirects, no cookies, gzip decoded.</summary>
    public static HttpClient CreateHttpClient()
    {
        var handler = Extract.ZuoraHttpHandler.Create();
        handler.UseCookies = false;
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The names in the first line of a source file; nothing after that line is read.</summary>
    public async Task<IReadOnlyList<string>> ReadHeaderAsync(string jobId, Uri link, char delimiter, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FileTimeout);
        return await ReadAsync(jobId, "source file", link, async stream =>
        {
            var line = await FirstLineAsync(jobId, stream, timeout.Token);
            using var reader = new StringReader(line);
            using var csv = new CsvReader(reader, Configuration(delimiter));
            return csv.Read() ? (IReadOnlyList<string>)(csv.Parser.Record ?? []) : [];
        }, timeout.Token);
    }

    /// <summary>Streams an error-rows file, fingerprinting the error columns of each row (see <see cref="ErrorColumns"/>).</summary>
    public async Task<ErrorFileTally> FingerprintErrorRowsAsync(string jobId, Uri link, char delimiter, IReadOnlyList<string>? sourceHeader,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FileTimeout);
        return await ReadAsync(jobId, "error-rows file", link, async stream =>
        {
            using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(text, Configuration(delimiter));
            if (!await csv.ReadAsync())
            {
                return new ErrorFileTally(0, new Dictionary<FailureFingerprint, long>());
            }

            var header = csv.Parser.Record ?? [];
            var columns = ErrorColumns.Find(header, sourceHeader);
            if (columns.Count == 0)
            {
                throw new FailureFileException($"the error-rows file of job {jobId} has no column that reads as an error ({header.Length} columns)");
            }

            var reasons = new Dictionary<FailureFingerprint, long>();
            long rows = 0;
            var cells = new string?[columns.Count];
            var seen = new Dictionary<string, FailureFingerprint>(StringComparer.Ordinal);
            while (await csv.ReadAsync())
            {
                timeout.Token.ThrowIfCancellationRequested();
                var record = csv.Parser.Record ?? [];
                for (var i = 0; i < columns.Count; i++)
                {
                    cells[i] = columns[i] < record.Length ? record[columns[i]] : null;
                }

                // Rows repeat their mistakes: a row whose error cells were seen before reuses that fingerprint.
                var key = string.Join('\u001f', cells);
                if (!seen.TryGetValue(key, out var fingerprint))
                {
                    fingerprint = ReasonFingerprinter.Fingerprint(cells);
                    if (seen.Count < MaxCachedCells)
                    {
                        seen[key] = fingerprint;
                    }
                }

                if (!reasons.ContainsKey(fingerprint) && reasons.Count >= options.MaxReasonsPerJob)
                {
                    fingerprint = fingerprint with { Reason = "<other reasons>" };
                }

                reasons[fingerprint] = reasons.GetValueOrDefault(fingerprint) + 1;
                rows++;
            }

            return new ErrorFileTally(rows, reasons);
        }, timeout.Token);
    }

    /// <summary>
    /// One GET to the file host, its body handed to <paramref name="read"/> through the size cap. Every failure becomes
    /// a <see cref="FailureFileException"/> naming the job and the host: never the link (it is signed), never a row
    /// (CsvHelper's own messages quote the raw record, so they are dropped).
    /// </summary>
    private async Task<T> ReadAsync<T>(string jobId, string what, Uri link, Func<Stream, Task<T>> read, CancellationToken cancellationToken)
    {
        var host = Host(link);
        if (!IsAllowed(link))
        {
            throw new FailureFileException($"the {what} of job {jobId} is not an https link (host {host}); it was not read");
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, link);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new FailureFileLinkExpiredException($"the {what} of job {jobId} answered 403 from {host}: the link has expired");
            }

            if (status is >= 300 and < 400)
            {
                throw new FailureFileException($"the {what} of job {jobId} answered {status}, a redirect, from {host}; no redirect is followed");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FailureFileException($"the {what} of job {jobId} answered HTTP {status} from {host}");
            }

            if (response.Content.Headers.ContentLength is { } declared && declared > options.MaxFileBytes
                && response.Content.Headers.ContentEncoding.Count == 0)
            {
                throw TooLarge(jobId, what);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var capped = new CappedStream(body, options.MaxFileBytes, () => TooLarge(jobId, what));
            return await read(capped);
        }
        catch (FailureFileException)
        {
            throw;
        }
        catch (CsvHelperException exception) when (exception.InnerException is FailureFileException inner)
        {
            throw inner;
        }
        catch (CsvHelperException exception) when (exception.InnerException is IOException or HttpRequestException)
        {
            throw new FailureFileException($"the {what} of job {jobId} was cut off while reading from {host}");
        }
        catch (CsvHelperException exception) when (exception.InnerException is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new FailureFileException($"the {what} of job {jobId} could not be read from {host}");
        }
        catch (CsvHelperException)
        {
            throw new FailureFileException($"the {what} of job {jobId} is not CSV that can be read");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidDataException or DecoderFallbackException)
        {
            throw new FailureFileException($"the {what} of job {jobId} could not be read from {host} (cut off or broken): {exception.GetType().Name}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new FailureFileException($"the {what} of job {jobId} took longer than {options.FileTimeout} to read from {host}");
        }
    }

    /// <summary>The first line, up to the header cap; what follows is never read (the response is dropped).</summary>
    private async Task<string> FirstLineAsync(string jobId, Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(1024);
        var buffer = new byte[4096];
        while (bytes.Count <= options.MaxHeaderBytes)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, options.MaxHeaderBytes + 1L - bytes.Count)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            bytes.AddRange(buffer.AsSpan(0, newline < 0 ? read : newline).ToArray());
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(bytes.ToArray()).TrimStart('\uFEFF').TrimEnd('\r');
            }
        }

        return bytes.Count > options.MaxHeaderBytes
            ? throw new FailureFileException($"the source file of job {jobId} has a first line over {options.MaxHeaderBytes} bytes")
            : Encoding.UTF8.GetString(bytes.ToArray()).TrimStart('\uFEFF').TrimEnd('\r');
    }

    private static CsvConfiguration Configuration(char delimiter) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter.ToString(),
        HasHeaderRecord = false,
        // A broken cell must not throw with the raw row in the message; the row still counts, as read.
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
    };

    /// <summary>https anywhere; plain http only to this machine (the simulator's file origin in tests).</summary>
    public static bool IsAllowed(Uri link) =>
        link.IsAbsoluteUri
        && (link.Scheme == Uri.UriSchemeHttps
            || (link.Scheme == Uri.UriSchemeHttp && Extract.Loopback.Is(link)));

    private static string Host(Uri link) => link.IsAbsoluteUri ? Extract.SafeText.Clip(link.Host, 100) : "no host";

    private FailureFileException TooLarge(string jobId, string what) =>
        new($"the {what} of job {jobId} is larger than {options.MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (the cap, --max-failure-file-bytes); it was not read further");
}
