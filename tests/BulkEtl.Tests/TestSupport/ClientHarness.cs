using BulkEtl.Extract;
using Microsoft.Extensions.Logging.Abstractions;

namespace BulkEtl.Tests.TestSupport;

/// <summary>A <see cref="ZuoraClient"/> wired as in production, over a stub handler, with retries fast enough for tests.</summary>
internal sealed class ClientHarness : IDisposable
{
    public static readonly Uri BaseUrl = new("https://rest.test.zuora.com/");

    private readonly HttpClient _http;

    public ClientHarness(StubHttpHandler handler, IAccessTokenSource? tokens = null, ZuoraResilienceOptions? resilience = null,
        TimeProvider? timeProvider = null, int maxConcurrency = 4)
    {
        Handler = handler;
        var time = timeProvider ?? TimeProvider.System;
        Options = new ZuoraOptions
        {
            BaseUrl = BaseUrl,
            TrackId = "test-track",
            MaxConcurrency = maxConcurrency,
            Resilience = resilience ?? new ZuoraResilienceOptions
            {
                BaseDelay = TimeSpan.FromMilliseconds(1),
                MaxDelay = TimeSpan.FromMilliseconds(5),
                MaxRetryAttempts = 3,
            },
        };
        _http = new HttpClient(handler) { BaseAddress = BaseUrl };
        Metrics = new ZuoraCallMetrics();
        var pipeline = ZuoraResiliencePipeline.Create(Options.Resilience, time, Metrics, NullLogger.Instance);
        Transport = new ZuoraTransport(_http, Options, pipeline, Metrics, time);
        Tokens = tokens ?? new StaticTokenSource("stub-token");
        Client = new ZuoraClient(Transport, Tokens, new AdaptiveConcurrencyLimiter(maxConcurrency), time, NullLogger<ZuoraClient>.Instance);
    }

    public StubHttpHandler Handler { get; }

    public ZuoraOptions Options { get; }

    public ZuoraCallMetrics Metrics { get; }

    public ZuoraTransport Transport { get; }

    public IAccessTokenSource Tokens { get; }

    public ZuoraClient Client { get; }

    public async Task<List<ListPage>> ListAllAsync()
    {
        var pages = new List<ListPage>();
        await foreach (var page in Client.ListPagesAsync(CancellationToken.None))
        {
            pages.Add(page);
        }

        return pages;
    }

    public void Dispose() => _http.Dispose();
}
