using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Simulator;

/// <summary>
/// A local Zuora tenant over real HTTP on 127.0.0.1: OAuth, the job-summary list with cursor pagination, and one
/// summary by id, with Zuora's headers and error bodies, and faults injected on demand.
/// </summary>
public sealed class ZuoraSimulator : IAsyncDisposable
{
    private const string SummariesPath = "/bulk-data/bulk-jobs/summaries";
    private static readonly HashSet<string> KnownStatuses = new(StringComparer.Ordinal)
        { "Created", "Submitted", "In Progress", "Aborting", "Completed", "Failed", "Aborted", "Cancelled", "Downloading" };

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SimulatedJob> _jobs;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issuedTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _everIssued = new(StringComparer.Ordinal);
    private volatile FaultInjector _faults;
    private int _dataCalls;

    private ZuoraSimulator(SimulatorOptions options, WebApplication app)
    {
        Options = options;
        _app = app;
        var now = options.Now ?? TimeProvider.System.GetUtcNow();
        _jobs = new ConcurrentDictionary<string, SimulatedJob>(
            TenantGenerator.Generate(options.Jobs, options.Seed, options.Days, now).Select(job => KeyValuePair.Create(job.Id, job)),
            StringComparer.OrdinalIgnoreCase);
        _faults = new FaultInjector(options.Faults);
        BaseUrl = new Uri("http://127.0.0.1/");
    }

    public Uri BaseUrl { get; private set; }

    public SimulatorOptions Options { get; }

    public SimulatorStats Stats { get; } = new();

    /// <summary>The faults in force; replacing them restarts bursts and the fault sequence.</summary>
    public FaultOptions Faults
    {
        get => _faults.Options;
        set => _faults = new FaultInjector(value);
    }

    /// <summary>The tenant now, ordered as the list serves it.</summary>
    public IReadOnlyList<SimulatedJob> Jobs => _jobs.Values.OrderBy(job => job.CreatedAt).ThenBy(job => job.Id, StringComparer.Ordinal).ToList();

    /// <summary>The OAuth tokens handed out so far, for tests that prove no token leaks into logs or files.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _everIssued.Keys.ToList();

    /// <summary>Issues a token as the token endpoint would, for tests that pass a bearer token in by hand.</summary>
    public string IssueToken()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _issuedTokens[token] = TimeProvider.System.GetUtcNow() + Options.TokenLifetime;
        _everIssued[token] = true;
        return token;
    }

    public void UpsertJob(SimulatedJob job) => _jobs[job.Id] = job;

    /// <summary>Deletes a job: it leaves the list and its summary answers 404.</summary>
    public bool RemoveJob(string id) => _jobs.TryRemove(id, out _);

    /// <summary>Every OAuth token issued so far now gets 401, as after an expiry or a revocation.</summary>
    public void RevokeIssuedTokens() => _issuedTokens.Clear();

    public static async Task<ZuoraSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var simulator = new ZuoraSimulator(options, app);
        app.MapPost("/oauth/token", context => simulator.ServeAsync(context, Endpoint.Token, null));
        app.MapGet(SummariesPath, context => simulator.ServeAsync(context, Endpoint.List, null));
        app.MapGet("/bulk-data/bulk-jobs/{id}/summary", context =>
            simulator.ServeAsync(context, Endpoint.Summary, context.Request.RouteValues["id"] as string));
        app.MapFallback(context => ZuoraErrors.WriteAsync(context, 404, ZuoraErrors.NotFound, "No such resource"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>Serves until cancelled, as <c>bulk-etl simulate</c> does.</summary>
    public static async Task RunStandaloneAsync(SimulatorOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var simulator = await StartAsync(options, cancellationToken);
        await output.WriteLineAsync(
            $"Zuora simulator listening on {simulator.BaseUrl} with {options.Jobs} jobs (client id {options.ClientId}, "
            + $"client secret {options.ClientSecret}, static token {options.StaticTokens.FirstOrDefault()}); Ctrl+C to stop");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: a normal stop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context, Endpoint endpoint, string? jobId)
    {
        var receivedAt = TimeProvider.System.GetUtcNow();
        var inFlight = Stats.Enter();
        var left = 0;
        void LeaveOnce()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                Stats.Leave();
            }
        }

        // A call stops counting as in flight once its answer starts: the client may send its next call the moment it
        // has this one, and counting until the handler unwinds would refuse calls that Zuora would not.
        context.Response.OnStarting(() =>
        {
            LeaveOnce();
            return Task.CompletedTask;
        });
        try
        {
            await HandleAsync(context, endpoint, jobId, inFlight);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout) or the server is stopping.
        }
        finally
        {
            LeaveOnce();
            var request = context.Request;
            Stats.Record(new RecordedRequest(receivedAt, request.Method, request.Path.Value ?? "", request.QueryString.Value,
                context.Response.StatusCode, Header(request, "Zuora-Track-Id"), Header(request, "Zuora-Entity-Ids"),
                Header(request, "Zuora-Org-Ids"), AcceptsGzip(request), jobId));
        }
    }

    private async Task HandleAsync(HttpContext context, Endpoint endpoint, string? jobId, int inFlight)
    {
        var response = context.Response;
        response.Headers["Zuora-Request-Id"] = Guid.NewGuid().ToString("D");
        var trackId = Header(context.Request, "Zuora-Track-Id");
        if (trackId is not null)
        {
            if (!IsValidTrackId(trackId))
            {
                await ZuoraErrors.WriteAsync(context, 400, ZuoraErrors.InvalidValue, "Zuora-Track-Id is invalid");
                return;
            }

            response.Headers["Zuora-Track-Id"] = trackId;
        }

        if (endpoint != Endpoint.Token && _faults.Options.RevokeTokensAtCall is { } revokeAt
            && Interlocked.Increment(ref _dataCalls) == revokeAt)
        {
            RevokeIssuedTokens();
        }

        if (endpoint != Endpoint.Token && !IsAuthorized(context.Request))
        {
            await ZuoraErrors.WriteAsync(context, 401, ZuoraErrors.Authentication, "Authentication error");
            return;
        }

        var injector = _faults;
        var faults = injector.Options;
        var fault = Fault.None;
        if (endpoint != Endpoint.Token || faults.FaultTokenEndpoint)
        {
            if (faults.ConcurrencyLimit is { } limit && inFlight > limit)
            {
                response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ZuoraErrors.WriteAsync(context, 429, ZuoraErrors.ConcurrencyLimit, "Concurrent request limit exceeded");
                return;
            }

            fault = injector.Draw(endpoint == Endpoint.List);
            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, context.RequestAborted);
            }

            if (await AnswerFaultAsync(context, fault, faults))
            {
                return;
            }
        }

        var (status, body) = endpoint switch
        {
            Endpoint.Token => await IssueTokenAsync(context),
            Endpoint.List => List(context.Request),
            _ => Summary(jobId, faults),
        };
        if (status == 200 && (fault == Fault.Malformed || (jobId is not null && faults.AlwaysMalformedIds.Contains(jobId))))
        {
            body = Encoding.UTF8.GetBytes("{\"data\": [{\"id\": \"3a3e85c4-96e7-486b-ae02-<html>Bad Gateway</html>");
        }

        await WriteBodyAsync(context, status, body, truncate: fault == Fault.Truncate);
    }

    /// <summary>Answers the faults that replace the real answer; true when the request is done.</summary>
    private static async Task<bool> AnswerFaultAsync(HttpContext context, Fault fault, FaultOptions faults)
    {
        var retryAfter = faults.RetryAfterAsDate
            ? TimeProvider.System.GetUtcNow().AddSeconds(faults.RetryAfterSeconds).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (fault)
        {
            case Fault.InternalError:
                await ZuoraErrors.WriteAsync(context, 500, ZuoraErrors.Internal, "Internal server error");
                return true;
            case Fault.ServiceUnavailable:
                context.Response.Headers.RetryAfter = retryAfter;
                await ZuoraErrors.WriteAsync(context, 503, ZuoraErrors.Temporary, "Service temporarily unavailable");
                return true;
            case Fault.RateLimited:
                context.Response.Headers.RetryAfter = retryAfter;
                context.Response.Headers["ratelimit-limit"] = "2250000, 50000;w=60";
                context.Response.Headers["ratelimit-remaining"] = "0";
                context.Response.Headers["ratelimit-reset"] = retryAfter;
                await ZuoraErrors.WriteAsync(context, 429, ZuoraErrors.ConcurrencyLimit, "Too many requests");
                return true;
            case Fault.Hang:
                await Task.Delay(faults.HangDuration, context.RequestAborted);
                return false;
            default:
                return false;
        }
    }

    private async Task<(int Status, byte[] Body)> IssueTokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return (400, ErrorBytes(ZuoraErrors.InvalidValue, "Expected a form body"));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return (400, ErrorBytes(ZuoraErrors.InvalidValue, "grant_type must be client_credentials"));
        }

        if (form["client_id"] != Options.ClientId || form["client_secret"] != Options.ClientSecret)
        {
            return (401, ErrorBytes(ZuoraErrors.Authentication, "Bad credentials"));
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _issuedTokens[token] = TimeProvider.System.GetUtcNow() + Options.TokenLifetime;
        _everIssued[token] = true;
        return (200, JsonSerializer.SerializeToUtf8Bytes(new
        {
            access_token = token,
            token_type = "bearer",
            expires_in = (int)Options.TokenLifetime.TotalSeconds,
            scope = "entity.1a2b3c4d user.5e6f7a8b",
            jti = Guid.NewGuid().ToString("N"),
        }));
    }

    private (int Status, byte[] Body) List(HttpRequest request)
    {
        var limit = Options.DefaultPageSize;
        if (request.Query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, out limit) || limit < 1 || limit > Options.MaxPageSize))
        {
            return (400, ErrorBytes(ZuoraErrors.InvalidValue, $"limit must be between 1 and {Options.MaxPageSize}"));
        }

        var offset = 0;
        if (request.Query.TryGetValue("cursor", out var cursor) && !TryReadCursor(cursor.ToString(), out offset))
        {
            return (400, ErrorBytes(ZuoraErrors.InvalidValue, "Invalid cursor"));
        }

        IEnumerable<SimulatedJob> jobs = Jobs;
        if (request.Query.TryGetValue("status", out var status))
        {
            if (!KnownStatuses.Contains(status.ToString()))
            {
                return (400, ErrorBytes(ZuoraErrors.InvalidValue, $"Invalid status: {status}"));
            }

            jobs = jobs.Where(job => job.Status == status);
        }

        var page = jobs.Skip(offset).Take(limit + 1).ToList();
        if (page.Count == 0)
        {
            return (404, ErrorBytes(ZuoraErrors.NotFound, "No job summaries found"));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var job in page.Take(limit))
            {
                JobJson.WriteListItem(writer, job);
            }

            writer.WriteEndArray();
            if (page.Count > limit)
            {
                writer.WriteString("nextPageCursor", WriteCursor(offset + limit));
            }

            writer.WriteEndObject();
        }

        return (200, buffer.ToArray());
    }

    private (int Status, byte[] Body) Summary(string? jobId, FaultOptions faults)
    {
        if (jobId is null || !Guid.TryParseExact(jobId, "D", out _))
        {
            return (400, ErrorBytes(ZuoraErrors.InvalidValue, "id must be a UUID"));
        }

        if (faults.AlwaysFailIds.Contains(jobId))
        {
            return (500, ErrorBytes(ZuoraErrors.Internal, "Internal server error"));
        }

        if (faults.NotFoundIds.Contains(jobId) || !_jobs.TryGetValue(jobId, out var job))
        {
            return (404, ErrorBytes(ZuoraErrors.NotFound, "Job not found"));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JobJson.WriteSummary(writer, job);
        }

        return (200, buffer.ToArray());
    }

    private static async Task WriteBodyAsync(HttpContext context, int status, byte[] body, bool truncate)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        // Zuora gzips answers over 1000 bytes when asked to.
        if (AcceptsGzip(context.Request) && body.Length > 1000)
        {
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
            {
                await gzip.WriteAsync(body, context.RequestAborted);
            }

            body = compressed.ToArray();
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        if (truncate)
        {
            await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = header["Bearer ".Length..].Trim();
        return Options.StaticTokens.Contains(token, StringComparer.Ordinal)
            || (_issuedTokens.TryGetValue(token, out var expiresAt) && expiresAt > TimeProvider.System.GetUtcNow());
    }

    private static bool IsValidTrackId(string value) =>
        value.Length <= 64 && value.All(c => c is >= ' ' and <= '~' and not (':' or ';' or '"' or '\''));

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(value => value?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static string WriteCursor(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"offset:{offset}"));

    private static bool TryReadCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text["offset:".Length..], out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] ErrorBytes(int category, string message) => ZuoraErrors.Body(category, message);

    private enum Endpoint
    {
        Token,
        List,
        Summary,
    }
}
