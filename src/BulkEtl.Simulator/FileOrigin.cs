using System.IO.Compression;
using System.Text;

namespace BulkEtl.Simulator;

/// <summary>
/// The object storage behind Zuora's download links: a second Kestrel listener on its own loopback port (another
/// origin), serving <c>/files/{jobId}/{file}</c> when the link's signature holds and has not expired (403 otherwise),
/// with the faults of <see cref="FileOriginOptions"/>. Every request is recorded with all its headers.
/// </summary>
internal sealed class FileOrigin : IAsyncDisposable
{
    public const string SourceFile = "source.csv";
    public const string ErrorRowsFile = "errors.csv";
    public const string SuccessRowsFile = "success.csv";

    private readonly WebApplication _app;
    private readonly IReadOnlyList<SimulatedTenant> _tenants;
    private readonly FileLinks _links;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<FileRequest> _requests = [];

    private FileOrigin(WebApplication app, IReadOnlyList<SimulatedTenant> tenants, FileOriginOptions options, TimeProvider timeProvider)
    {
        _app = app;
        _tenants = tenants;
        _timeProvider = timeProvider;
        _links = new FileLinks(timeProvider);
        Options = options;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public FileOriginOptions Options { get; set; }

    public IReadOnlyList<FileRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FileOrigin> StartAsync(IReadOnlyList<SimulatedTenant> tenants, FileOriginOptions options, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var origin = new FileOrigin(app, tenants, options, timeProvider);
        app.MapGet("/files/{id}/{file}", context => origin.ServeAsync(context));
        app.MapFallback(context => origin.ServeAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        origin.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return origin;
    }

    public Uri Link(string jobId, string file, DateTimeOffset expiresAt) => _links.Sign(BaseUrl, $"/files/{jobId}/{file}", expiresAt);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var receivedAt = _timeProvider.GetUtcNow();
        try
        {
            await AnswerAsync(context);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client stopped reading (a size cap, a header read): as object storage, carry on.
        }
        finally
        {
            var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            lock (_gate)
            {
                _requests.Add(new FileRequest(receivedAt, request.Method, request.Path.Value ?? "", headers, context.Response.StatusCode));
            }
        }
    }

    /// <summary>A job of any entity's tenant (one per entity on a multi-entity simulator).</summary>
    private bool TryGetJob(string jobId, out SimulatedJob job)
    {
        foreach (var tenant in _tenants)
        {
            if (tenant.TryGet(jobId, out var found))
            {
                job = found;
                return true;
            }
        }

        job = null!;
        return false;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "";
        if (request.RouteValues["id"] is not string jobId || request.RouteValues["file"] is not string file
            || !TryGetJob(jobId, out var job) || file is not (SourceFile or ErrorRowsFile or SuccessRowsFile))
        {
            response.StatusCode = 404;
            return;
        }

        if (!_links.IsValid(path, request.Query["expires"], request.Query["signature"]))
        {
            // Object storage's answer to an expired or forged pre-signed link.
            response.StatusCode = 403;
            response.ContentType = "application/xml";
            await response.WriteAsync("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", context.RequestAborted);
            return;
        }

        var options = Options;
        if (file == ErrorRowsFile && options.MissingIds.Contains(jobId))
        {
            response.StatusCode = 404;
            return;
        }

        if (file == ErrorRowsFile && options.ForbiddenIds.Contains(jobId))
        {
            // S3's answer for an object that is gone when the signer may not list the bucket: 403, not 404.
            response.StatusCode = 403;
            response.ContentType = "application/xml";
            await response.WriteAsync("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", context.RequestAborted);
            return;
        }

        // Zuora writes a JSON-lines job's files as JSON lines: one object per record, keyed by column.
        var jsonLines = string.Equals(job.FileType, "jsonl", StringComparison.OrdinalIgnoreCase);
        response.StatusCode = 200;
        response.ContentType = jsonLines ? "application/x-ndjson" : "text/csv";
        var rows = FailureFiles.ErrorRows(job);
        if (file == SourceFile)
        {
            await WriteLinesAsync(context, jsonLines ? "" : FailureFiles.Line(FailureFiles.SourceColumns),
                rows.Select(row => jsonLines ? FailureFiles.JsonLine(FailureFiles.SourceColumns, row.Values) : FailureFiles.Line(row.Values)), gzip: false);
            return;
        }

        if (file == SuccessRowsFile)
        {
            await WriteLinesAsync(context, jsonLines ? "" : FailureFiles.Line(FailureFiles.SourceColumns), [], gzip: false);
            return;
        }

        var header = jsonLines ? "" : FailureFiles.Line([.. FailureFiles.SourceColumns, .. FailureFiles.ErrorColumns]);
        var gzip = options.GzipIds.Contains(jobId);
        if (options.GarbageIds.Contains(jobId))
        {
            // Neither CSV nor JSON lines: the opening bytes of a PNG image, then binary noise.
            response.ContentType = "application/octet-stream";
            byte[] garbage = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xFE, 0x00, 0x01];
            await response.Body.WriteAsync(garbage, context.RequestAborted);
            return;
        }

        if (options.TrickleIds.Contains(jobId))
        {
            await TrickleAsync(context, header, options.TrickleInterval);
            return;
        }

        if (options.LargeIds.Contains(jobId))
        {
            var seed = FailureFiles.StableHash(jobId);
            await WriteLinesAsync(context, header, Endless(seed, options.LargeFileBytes, jsonLines), gzip);
            return;
        }

        var lines = rows.Select(row => FailureFiles.ErrorRecord(row, jsonLines));
        if (options.HugeCellIds.Contains(jobId))
        {
            // One row whose message cell alone is HugeCellBytes long, sent in pieces; gzip makes it a few dozen KB on the wire.
            await WriteLinesAsync(context, header, HugeRecord(options.HugeCellBytes, jsonLines).Concat(lines), gzip: true);
            return;
        }

        if (options.CutOffIds.Contains(jobId))
        {
            var whole = Encoding.UTF8.GetBytes(header + string.Concat(lines));
            response.ContentLength = whole.Length;
            await response.Body.WriteAsync(whole.AsMemory(0, whole.Length / 2), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await WriteLinesAsync(context, header, lines, gzip);
    }

    /// <summary>The header, then one byte at a time with a pause between, never ending: a host that keeps a read alive.</summary>
    private async Task TrickleAsync(HttpContext context, string header, TimeSpan interval)
    {
        var body = context.Response.Body;
        await body.WriteAsync(Encoding.UTF8.GetBytes(header), context.RequestAborted);
        await body.FlushAsync(context.RequestAborted);
        var filler = Encoding.UTF8.GetBytes("A-000123,Jane Doe,jane.doe@example.com,XQZ,2026-01-01,53100320,slow ");
        for (var i = 0; !context.RequestAborted.IsCancellationRequested; i = (i + 1) % filler.Length)
        {
            await Task.Delay(interval, _timeProvider, context.RequestAborted);
            await body.WriteAsync(filler.AsMemory(i, 1), context.RequestAborted);
            await body.FlushAsync(context.RequestAborted);
        }
    }

    private static IEnumerable<string> HugeRecord(long cellBytes, bool jsonLines)
    {
        // The record with an empty message, opened just before where the message goes: `…,53100320,` or `…"ErrorMessage":"`.
        var empty = FailureFiles.ErrorRecord(new SimulatedErrorRow(0, ["A-000001", "Huge", "huge@example.com", "USD", "2026-01-01"], "53100320", ""),
            jsonLines);
        yield return jsonLines ? empty[..^3] : empty[..^2];
        var chunk = new string('x', 64 * 1024);
        for (long sent = 0; sent < cellBytes; sent += chunk.Length)
        {
            yield return chunk;
        }

        yield return jsonLines ? "\"}\n" : "\r\n";
    }

    private static IEnumerable<string> Endless(uint seed, long bytes, bool jsonLines)
    {
        long written = 0;
        for (long i = 0; written < bytes; i++)
        {
            var line = FailureFiles.ErrorRecord(FailureFiles.Row(seed, i), jsonLines);
            written += line.Length;
            yield return line;
        }
    }

    private static async Task WriteLinesAsync(HttpContext context, string header, IEnumerable<string> lines, bool gzip)
    {
        var response = context.Response;
        Stream body = response.Body;
        GZipStream? compressor = null;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
            body = compressor = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
        }

        await using (var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true))
        {
            await writer.WriteAsync(header);
            foreach (var line in lines)
            {
                context.RequestAborted.ThrowIfCancellationRequested();
                await writer.WriteAsync(line);
            }

            await writer.FlushAsync(context.RequestAborted);
        }

        if (compressor is not null)
        {
            await compressor.DisposeAsync();
        }
    }
}
