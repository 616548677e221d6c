using System.Globalization;
using System.Net;
using System.Text;
using BulkEtl.Extract;
using CsvHelper;

namespace BulkEtl.Reasons;

/// <summary>
/// Reads a job's files from the file host (object storage behind pre-signed links). Its HttpClient carries no default
/// header, so neither Zuora's Authorization nor any Zuora-* header can reach the host; it follows no redirect, keeps no
/// cookie, accepts gzip, and against a real tenant connects only to public addresses over https (plain http only to
/// this machine, and only when the base URL is this machine: the simulator). It streams: an error-rows file is read
/// row by row (CSV or JSON lines) and only fingerprints are kept, a source file is read to the end of its first line.
/// Every read honours the night's cancellation, the file's time limit and an idle limit, and every cell or line is
/// capped, so no file can hold a night or its memory.
/// </summary>
internal sealed class FailureFileClient(HttpClient httpClient, FailureFileOptions options)
{
    /// <summary>An HttpClient fit for the file host: no default headers, no redirects, no cookies, gzip decoded.</summary>
    /// <param name="loopbackLinks">The simulator's case: any address may be reached. Otherwise public addresses only.</param>
    public static HttpClient CreateHttpClient(bool loopbackLinks = false) =>
        new(ZuoraHttpHandler.Create(publicAddressesOnly: !loopbackLinks)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// The names in the first line of a source file, or the keys of its first record when it is JSON lines; nothing
    /// after that line is read.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadHeaderAsync(string jobId, Uri link, char delimiter, string? fileType,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FileTimeout);
        return await ReadAsync(jobId, "source file", link, async stream =>
        {
            var line = await FirstLineAsync(jobId, stream, timeout.Token);
            if (FormatOf(fileType, line.TrimStart()) == ErrorFileFormat.JsonLines)
            {
                return JsonKeys(line);
            }

            using var reader = new StringReader(line);
            using var csv = new CsvReader(reader, CsvErrorRows.Configuration(delimiter));
            return csv.Read() ? (IReadOnlyList<string>)(csv.Parser.Record ?? []) : [];
        }, cancellationToken, timeout.Token);
    }

    /// <summary>
    /// Streams an error-rows file, fingerprinting the error cells of each row (see <see cref="ErrorColumns"/>): CSV or
    /// JSON lines by <paramref name="fileType"/>, or by the first byte when the type is unknown.
    /// </summary>
    public async Task<ErrorFileTally> FingerprintErrorRowsAsync(string jobId, Uri link, char delimiter, string? fileType,
        IReadOnlyList<string>? sourceHeader, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FileTimeout);
        return await ReadAsync(jobId, "error-rows file", link, async stream =>
        {
            var (format, body) = await SniffAsync(fileType, stream, timeout.Token);
            await using (body)
            {
                if (format == ErrorFileFormat.JsonLines)
                {
                    return await JsonLinesErrorRows.ReadAsync(jobId, body, sourceHeader, options, timeout.Token);
                }

                using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                return await CsvErrorRows.ReadAsync(jobId, text, delimiter, sourceHeader, options, timeout.Token);
            }
        }, cancellationToken, timeout.Token);
    }

    /// <summary>JSON lines when the job says jsonl, CSV when it says csv; otherwise JSON lines when the text opens with '{'.</summary>
    private static ErrorFileFormat FormatOf(string? fileType, string opening) =>
        string.Equals(fileType, "jsonl", StringComparison.OrdinalIgnoreCase) ? ErrorFileFormat.JsonLines
        : string.Equals(fileType, "csv", StringComparison.OrdinalIgnoreCase) ? ErrorFileFormat.Csv
        : opening.TrimStart('\uFEFF').StartsWith('{') ? ErrorFileFormat.JsonLines
        : ErrorFileFormat.Csv;

    /// <summary>The file's format, and a stream that still starts at its first byte (the bytes looked at are put back).</summary>
    private static async Task<(ErrorFileFormat Format, Stream Body)> SniffAsync(string? fileType, Stream stream, CancellationToken cancellationToken)
    {
        if (string.Equals(fileType, "jsonl", StringComparison.OrdinalIgnoreCase) || string.Equals(fileType, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return (FormatOf(fileType, ""), stream);
        }

        var prefix = new byte[512];
        var length = 0;
        while (length < prefix.Length)
        {
            var read = await stream.ReadAsync(prefix.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.UTF8.GetString(prefix, 0, length).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').Length > 0)
            {
                break;
            }
        }

        var opening = Encoding.UTF8.GetString(prefix, 0, length).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return (FormatOf(null, opening), new PrefixedStream(prefix.AsMemory(0, length), stream));
    }

    private static IReadOnlyList<string> JsonKeys(string line)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Select(property => property.Name).ToList()
                : [];
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            // An unreadable source record: the error keys are then found by name.
            return [];
        }
    }

    /// <summary>
    /// One GET to the file host, its body handed to <paramref name="read"/> through the size cap and the read guard.
    /// Every failure becomes a <see cref="FailureFileException"/> naming the job and the host: never the link (it is
    /// signed), never a row (CsvHelper's own messages quote the raw record, so they are dropped). Cancellation of
    /// <paramref name="night"/> (a signal, the step's deadline) is passed on as it is.
    /// </summary>
    private async Task<T> ReadAsync<T>(string jobId, string what, Uri link, Func<Stream, Task<T>> read, CancellationToken night,
        CancellationToken cancellationToken)
    {
        var host = Host(link);
        if (!IsAllowed(link, options.LoopbackLinks))
        {
            throw new FailureFileException(options.LoopbackLinks
                ? $"the {what} of job {jobId} is not an https link (host {host}); it was not read"
                : $"the {what} of job {jobId} is not an https link to a public host (host {host}); it was not read");
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, link);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new FailureFileLinkExpiredException($"the {what} of job {jobId} answered 403 from {host}: the link has expired or the file is gone");
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
            await using var guarded = new GuardedStream(capped, options.ReadIdleTimeout,
                () => new FailureFileException($"the {what} of job {jobId} sent nothing for {options.ReadIdleTimeout} from {host}"), cancellationToken);
            return await read(guarded);
        }
        catch (OperationCanceledException) when (night.IsCancellationRequested)
        {
            throw;
        }
        catch (CsvHelperException) when (night.IsCancellationRequested)
        {
            throw new OperationCanceledException(night);
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
        catch (CsvHelperException exception) when (exception.InnerException is OperationCanceledException)
        {
            throw new FailureFileException($"the {what} of job {jobId} took longer than {options.FileTimeout} to read from {host}");
        }
        catch (CsvHelperException)
        {
            throw new FailureFileUnreadableException($"the {what} of job {jobId} is not CSV that can be read");
        }
        catch (HttpRequestException exception) when (exception.InnerException is NonPublicAddressException refused)
        {
            throw new FailureFileException($"the {what} of job {jobId} links to {refused.Host}, which is not a public address; it was not read");
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

    /// <summary>
    /// https, or plain http to this machine when links may be loopback (the simulator). Which addresses an https link may
    /// reach is checked when it connects (<see cref="ZuoraHttpHandler"/>), against what its name resolves to then.
    /// </summary>
    public static bool IsAllowed(Uri link, bool loopbackLinks) =>
        link.IsAbsoluteUri
        && (link.Scheme == Uri.UriSchemeHttps
            || (loopbackLinks && link.Scheme == Uri.UriSchemeHttp && Loopback.Is(link)));

    private static string Host(Uri link) => link.IsAbsoluteUri ? SafeText.Clip(link.Host, 100) : "no host";

    private FailureFileException TooLarge(string jobId, string what) =>
        new($"the {what} of job {jobId} is larger than {options.MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (the cap, --max-failure-file-bytes); it was not read further");
}
