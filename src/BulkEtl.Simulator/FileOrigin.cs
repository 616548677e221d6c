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

        response.StatusCode = 200;
        response.ContentType = "text/csv";
        var rows = FailureFiles.ErrorRows(job);
        if (file == SourceFile)
        {
            await WriteLinesAsync(context, FailureFiles.Line(FailureFiles.SourceColumns), rows.Select(row => FailureFiles.Line(row.Values)), gzip: false);
            return;
        }

        if (file == SuccessRowsFile)
        {
            await WriteLinesAsync(context, FailureFiles.Line(FailureFiles.SourceColumns), [], gzip: false);
            return;
        }

        var header = FailureFiles.Line([.. FailureFiles.SourceColumns, .. FailureFiles.ErrorColumns]);
        if (options.LargeIds.Contains(jobId))
        {
            var seed = FailureFiles.StableHash(jobId);
            await WriteLinesAsync(context, header, Endless(seed, options.LargeFileBytes), gzip: options.GzipIds.Contains(jobId));
            return;
        }

        var lines = rows.Select(row => Encoding.UTF8.GetString(FailureFiles.ErrorLine(row)));
        if (options.CutOffIds.Contains(jobId))
        {
            var whole = Encoding.UTF8.GetBytes(header + string.Concat(lines));
            response.ContentLength = whole.Length;
            await response.Body.WriteAsync(whole.AsMemory(0, whole.Length / 2), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await WriteLinesAsync(context, header, lines, gzip: options.GzipIds.Contains(jobId));
    }

    private static IEnumerable<string> Endless(uint seed, long bytes)
    {
        long written = 0;
        for (long i = 0; written < bytes; i++)
        {
            var line = Encoding.UTF8.GetString(FailureFiles.ErrorLine(FailureFiles.Row(seed, i)));
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
