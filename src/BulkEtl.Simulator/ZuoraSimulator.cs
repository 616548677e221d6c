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
        var now = options.Now ?? options.TimeProvider.GetUtcNow();
        // Ids are kept exactly as given: Zuora types them as strings, and nothing says they compare case-blind.
        _jobs = new ConcurrentDictionary<string, SimulatedJob>(
            TenantGenerator.Generate(options.Jobs, options.Seed, options.Days, now, options.NonUuidIdShare)
                .Select(job => KeyValuePair.Create(job.Id, job)),
            StringComparer.Ordinal);
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
        _issuedTokens[token] = Options.TimeProvider.GetUtcNow() + TokenLifetime(_faults.Options);
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
        app.MapFallback(context => simulator.ServeAsync(context, Endpoint.Unknown, null));
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
        var receivedAt = Options.TimeProvider.GetUtcNow();
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
        var injector = _faults;
        var faults = injector.Options;
        var response = context.Response;
        if (faults.NotFoundEverywhere)
        {
            // A gateway with no route for the path: no Zuora headers, no Zuora error shape.
            await WriteBodyAsync(context, 404, ZuoraErrors.GatewayNotFound(faults.HostileErrorReasons), truncate: false);
            return;
        }

        response.Headers["Zuora-Request-Id"] = Guid.NewGuid().ToString("D");
        var dataCalls = endpoint == Endpoint.Token ? injector.DataCalls : injector.CountDataCall();
        if (faults.QuotaExhaustedAfterCalls is { } quota && (endpoint == Endpoint.Token ? dataCalls >= quota : dataCalls > quota))
        {
            Stats.CountQuotaRefusal();
            var reset = faults.QuotaResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers.RetryAfter = reset;
            response.Headers["ratelimit-limit"] = "2250000, 50000;w=60";
            response.Headers["ratelimit-remaining"] = "0";
            response.Headers["ratelimit-reset"] = reset;
            await WriteBodyAsync(context, 429, ErrorBytes(ZuoraErrors.ConcurrencyLimit, "API request limit exceeded for the tenant"), truncate: false);
            return;
        }

        var trackId = Header(context.Request, "Zuora-Track-Id");
        if (trackId is not null)
        {
            if (!IsValidTrackId(trackId))
            {
                await WriteBodyAsync(context, 400, ErrorBytes(ZuoraErrors.InvalidValue, "Zuora-Track-Id is invalid"), truncate: false);
                return;
            }

            response.Headers["Zuora-Track-Id"] = trackId;
        }

        if (endpoint == Endpoint.Unknown)
        {
            await WriteBodyAsync(context, 404, ErrorBytes(ZuoraErrors.NotFound, "No such resource"), truncate: false);
            return;
        }

        if (endpoint == Endpoint.Token && faults.TokenRedirectTo is { } redirect)
        {
            response.StatusCode = 307;
            response.Headers.Location = redirect.AbsoluteUri;
            response.ContentLength = 0;
            return;
        }

        if (endpoint != Endpoint.Token && _faults.Options.RevokeTokensAtCall is { } revokeAt
            && Interlocked.Increment(ref _dataCalls) == revokeAt)
        {
            RevokeIssuedTokens();
        }

        if (endpoint != Endpoint.Token && !IsAuthorized(context.Request))
        {
            await WriteBodyAsync(context, 401, ErrorBytes(ZuoraErrors.Authentication, "Authentication error"), truncate: false);
            return;
        }

        var fault = Fault.None;
        if (endpoint != Endpoint.Token || faults.FaultTokenEndpoint)
        {
            if (faults.ConcurrencyLimit is { } limit && inFlight > limit)
            {
                response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteBodyAsync(context, 429, ErrorBytes(ZuoraErrors.ConcurrencyLimit, "Concurrent request limit exceeded"), truncate: false);
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
            Endpoint.Token => await IssueTokenAsync(context, faults),
            Endpoint.List => List(context.Request, injector),
            _ => Summary(jobId, faults),
        };
        if (status == 200 && jobId is not null && faults.OversizedBodyIds.Contains(jobId))
        {
            await WriteOversizedAsync(context, jobId, faults.OversizedBodyBytes);
            return;
        }

        if (status == 200 && (fault == Fault.Malformed || (jobId is not null && faults.AlwaysMalformedIds.Contains(jobId))))
        {
            body = Encoding.UTF8.GetBytes("{\"data\": [{\"id\": \"3a3e85c4-96e7-486b-ae02-<html>Bad Gateway</html>");
        }

        await WriteBodyAsync(context, status, body, truncate: fault == Fault.Truncate);
    }

    /// <summary>Answers the faults that replace the real answer; true when the request is done.</summary>
    private async Task<bool> AnswerFaultAsync(HttpContext context, Fault fault, FaultOptions faults)
    {
        var retryAfter = faults.RetryAfterAsDate
            ? Options.TimeProvider.GetUtcNow().AddSeconds(faults.RetryAfterSeconds).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (fault)
        {
            case Fault.InternalError:
                await ZuoraErrors.WriteAsync(context, 500, ZuoraErrors.Internal, "Internal server error", faults.HostileErrorReasons);
                return true;
            case Fault.ServiceUnavailable:
                context.Response.Headers.RetryAfter = retryAfter;
                await ZuoraErrors.WriteAsync(context, 503, ZuoraErrors.Temporary, "Service temporarily unavailable", faults.HostileErrorReasons);
                return true;
            case Fault.RateLimited:
                context.Response.Headers.RetryAfter = retryAfter;
                context.Response.Headers["ratelimit-limit"] = "2250000, 50000;w=60";
                context.Response.Headers["ratelimit-remaining"] = "0";
                context.Response.Headers["ratelimit-reset"] = retryAfter;
                await ZuoraErrors.WriteAsync(context, 429, ZuoraErrors.ConcurrencyLimit, "Too many requests", faults.HostileErrorReasons);
                return true;
            case Fault.Hang:
                await Task.Delay(faults.HangDuration, context.RequestAborted);
                return false;
            default:
                return false;
        }
    }

    private async Task<(int Status, byte[] Body)> IssueTokenAsync(HttpContext context, FaultOptions faults)
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
        _issuedTokens[token] = Options.TimeProvider.GetUtcNow() + TokenLifetime(faults);
        _everIssued[token] = true;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", token);
            writer.WriteString("token_type", "bearer");
            writer.WritePropertyName("expires_in");
            if (faults.TokenExpiresInJson is { } raw)
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
            }
            else
            {
                writer.WriteNumberValue((int)Options.TokenLifetime.TotalSeconds);
            }

            writer.WriteString("scope", "entity.1a2b3c4d user.5e6f7a8b");
            writer.WriteString("jti", Guid.NewGuid().ToString("N"));
            writer.WriteEndObject();
        }

        return (200, buffer.ToArray());
    }

    /// <summary>
    /// How long a new token lives: <see cref="FaultOptions.TokenExpiresInJson"/> when it holds a number (a numeric
    /// string counts), never below 0; otherwise <see cref="SimulatorOptions.TokenLifetime"/>.
    /// </summary>
    private TimeSpan TokenLifetime(FaultOptions faults)
    {
        if (faults.TokenExpiresInJson is not { } raw)
        {
            return Options.TokenLifetime;
        }

        return TryReadSeconds(raw, out var seconds)
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, TimeSpan.FromDays(3650).TotalSeconds))
            : Options.TokenLifetime;
    }

    private static bool TryReadSeconds(string raw, out double seconds)
    {
        seconds = 0;
        try
        {
            using var document = JsonDocument.Parse(raw);
            var value = document.RootElement;
            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetDouble(out seconds),
                JsonValueKind.String => double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out seconds),
                _ => false,
            } && double.IsFinite(seconds);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private (int Status, byte[] Body) List(HttpRequest request, FaultInjector injector)
    {
        var faults = injector.Options;
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

        var pageNumber = injector.CountListPage();
        if (pageNumber == faults.ListNotFoundAtPage)
        {
            return (404, ZuoraErrors.GatewayNotFound(faults.HostileErrorReasons));
        }

        var withoutData = pageNumber == faults.ListPageWithoutDataAt;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (withoutData)
            {
                writer.WriteBoolean("success", true);
            }

            writer.WriteStartArray(withoutData ? "summaries" : "data");
            foreach (var job in page.Take(limit))
            {
                if (faults.RawListEntries.TryGetValue(job.Id, out var raw))
                {
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
                else
                {
                    JobJson.WriteListItem(writer, job);
                }
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
        if (jobId is null || !IsValidJobId(jobId))
        {
            return (400, ErrorBytes(ZuoraErrors.InvalidValue, "id must be 1 to 64 letters, digits, '-' or '_'"));
        }

        if (faults.AlwaysFailIds.Contains(jobId))
        {
            return (500, ErrorBytes(ZuoraErrors.Internal, "Internal server error"));
        }

        if (faults.NotFoundIds.Contains(jobId) || !_jobs.TryGetValue(jobId, out var job))
        {
            return (404, ErrorBytes(ZuoraErrors.NotFound, "Job not found"));
        }

        if (faults.RawSummaries.TryGetValue(jobId, out var raw))
        {
            return (200, Encoding.UTF8.GetBytes(raw));
        }

        if (faults.WrongIdIds.Contains(jobId))
        {
            // Another job's id when the tenant has one (the worst case: it would overwrite that job), else a new one.
            var other = Jobs.FirstOrDefault(candidate => candidate.Id != jobId)?.Id ?? Guid.NewGuid().ToString("D");
            job = job with { Id = other };
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JobJson.WriteSummary(writer, job);
        }

        return (200, buffer.ToArray());
    }

    /// <summary>Always gzip, whatever Accept-Encoding said: a hostile gateway's answer that inflates past the size.</summary>
    private static async Task WriteOversizedAsync(HttpContext context, string jobId, long inflatedBytes)
    {
        var (pieces, length) = OversizedBody.For(jobId, inflatedBytes);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.ContentEncoding = "gzip";
        response.ContentLength = length;
        foreach (var piece in pieces)
        {
            await response.Body.WriteAsync(piece, context.RequestAborted);
        }
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
            || (_issuedTokens.TryGetValue(token, out var expiresAt) && expiresAt > Options.TimeProvider.GetUtcNow());
    }

    /// <summary>Zuora types a job id as a string of up to 64 characters; only URL-safe ones are accepted.</summary>
    private static bool IsValidJobId(string value) =>
        value.Length is >= 1 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

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

    private byte[] ErrorBytes(int category, string message) => ZuoraErrors.Body(category, message, _faults.Options.HostileErrorReasons);

    private enum Endpoint
    {
        Token,
        List,
        Summary,
        Unknown,
    }
}
