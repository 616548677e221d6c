namespace BulkEtl.Simulator;

/// <summary>
/// A local Zuora tenant over real HTTP on 127.0.0.1: OAuth, the job-summary list with cursor pagination, and one
/// summary by id, with Zuora's headers and error bodies, and faults injected on demand. This class hosts it (start,
/// stop, routes, stats); <see cref="RequestPipeline"/> and the endpoints answer.
/// </summary>
public sealed class ZuoraSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EntityRouter _entities;
    private readonly SimulatedTenant _tenant;
    private readonly TokenStore _tokens;
    private readonly RequestPipeline _pipeline;
    private readonly FileOrigin _files;
    private volatile FaultInjector _faults;

    private ZuoraSimulator(SimulatorOptions options, WebApplication app, EntityRouter entities, FileOrigin files)
    {
        Options = options;
        _app = app;
        _entities = entities;
        _tenant = entities.Default.Tenant;
        _files = files;
        _tokens = new TokenStore(options);
        _pipeline = new RequestPipeline(_tokens, new TokenEndpoint(options, _tokens), _entities, new FaultResponder(options, Stats));
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

    /// <summary>The tenant now, ordered as the list serves it (createdAt, then id ordinally): a snapshot.</summary>
    public IReadOnlyList<SimulatedJob> Jobs => _tenant.Ordered();

    /// <summary>One entity's jobs on a multi-entity simulator (<see cref="SimulatorOptions.EntityIds"/>), as <see cref="Jobs"/>.</summary>
    public IReadOnlyList<SimulatedJob> JobsOf(string entityId) => _entities.Tenant(entityId).Ordered();

    /// <summary>The OAuth tokens handed out so far, for tests that prove no token leaks into logs or files.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _tokens.EverIssued;

    /// <summary>Issues a token as the token endpoint would, for tests that pass a bearer token in by hand.</summary>
    public string IssueToken() => _tokens.Issue(_faults.Options);

    /// <summary>Adds a job, or replaces the one with its id (moving it in the list if its createdAt changed).</summary>
    public void UpsertJob(SimulatedJob job) => _tenant.Upsert(job);

    /// <summary>Deletes a job: it leaves the list and its summary answers 404.</summary>
    public bool RemoveJob(string id) => _tenant.Remove(id);

    /// <summary>The file origin's address: another loopback port, as object storage is another host.</summary>
    public Uri FileOriginUrl => _files.BaseUrl;

    /// <summary>Every request the file origin received, with all its headers.</summary>
    public IReadOnlyList<FileRequest> FileRequests => _files.Requests;

    /// <summary>The file origin's behaviour in force; replace it to change faults between runs.</summary>
    public FileOriginOptions FileFaults
    {
        get => _files.Options;
        set => _files.Options = value;
    }

    /// <summary>The rows of a job's error-rows file, as the file origin serves them (empty for an unknown job).</summary>
    public IEnumerable<SimulatedErrorRow> ErrorRows(string jobId) =>
        _entities.TryGetJob(jobId, out var job) ? FailureFiles.ErrorRows(job) : [];

    /// <summary>Every OAuth token issued so far now gets 401, as after an expiry or a revocation.</summary>
    public void RevokeIssuedTokens() => _tokens.RevokeAll();

    public static async Task<ZuoraSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var now = options.Now ?? options.TimeProvider.GetUtcNow();
        // One generated tenant per entity (one when single-entity); the file origin serves every entity's files.
        var entities = new EntityRouter(options, now);
        var files = await FileOrigin.StartAsync(entities.Tenants, options.Files, options.TimeProvider, cancellationToken);
        entities.AttachDownloads(files, options.TimeProvider);
        var simulator = new ZuoraSimulator(options, app, entities, files);
        app.MapPost(TokenEndpoint.Path, context => simulator.ServeAsync(context, Endpoint.Token, null));
        app.MapGet(ListEndpoint.Path, context => simulator.ServeAsync(context, Endpoint.List, null));
        app.MapGet(SummaryEndpoint.Route, context =>
            simulator.ServeAsync(context, Endpoint.Summary, context.Request.RouteValues["id"] as string));
        app.MapGet(DownloadsEndpoint.Route, context =>
            simulator.ServeAsync(context, Endpoint.Downloads, context.Request.RouteValues["id"] as string));
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
        await _files.DisposeAsync();
    }

    /// <summary>Runs one request through the pipeline, counting it in flight until its answer starts, then records it.</summary>
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
            await _pipeline.HandleAsync(context, endpoint, jobId, inFlight, _faults);
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
                context.Response.StatusCode, RequestHeaders.Get(request, "Zuora-Track-Id"), RequestHeaders.Get(request, "Zuora-Entity-Ids"),
                RequestHeaders.Get(request, "Zuora-Org-Ids"), RequestHeaders.AcceptsGzip(request),
                // JobId marks a summary fetched by id; /downloads is told apart by its path.
                endpoint == Endpoint.Downloads ? null : jobId));
        }
    }
}
