using BulkEtl.Composition;
using BulkEtl.Extract;
using Microsoft.Extensions.DependencyInjection;

namespace BulkEtl.Tests.TestSupport;

/// <summary>
/// A <see cref="ZuoraClient"/> built by the production composition root over a stub handler, with retries fast enough
/// for tests.
/// </summary>
internal sealed class ClientHarness : IDisposable
{
    public static readonly Uri BaseUrl = new("https://rest.test.zuora.com/");

    private readonly ServiceProvider _services;

    /// <param name="oauth">Client credentials (an OAuth token source) instead of a fixed bearer token.</param>
    public ClientHarness(StubHttpHandler handler, bool oauth = false, ZuoraResilienceOptions? resilience = null,
        TimeProvider? timeProvider = null, int maxConcurrency = 4, int maxListPages = 0)
    {
        Handler = handler;
        Options = new ZuoraOptions
        {
            BaseUrl = BaseUrl,
            Token = oauth ? null : "stub-token",
            ClientId = oauth ? "client" : null,
            ClientSecret = oauth ? "secret" : null,
            TrackId = "test-track",
            MaxConcurrency = maxConcurrency,
            MaxListPages = maxListPages,
            Resilience = resilience ?? new ZuoraResilienceOptions
            {
                BaseDelay = TimeSpan.FromMilliseconds(1),
                MaxDelay = TimeSpan.FromMilliseconds(5),
                MaxRetryAttempts = 3,
            },
        };
        _services = new ServiceCollection()
            .AddLogging()
            .AddBulkEtl(timeProvider ?? TimeProvider.System)
            .AddNightlyRun(Options, () => handler)
            .BuildServiceProvider();
    }

    public StubHttpHandler Handler { get; }

    public ZuoraOptions Options { get; }

    public ZuoraCallMetrics Metrics => _services.GetRequiredService<ZuoraCallMetrics>();

    public ZuoraTransport Transport => _services.GetRequiredService<ZuoraTransport>();

    public IAccessTokenSource Tokens => _services.GetRequiredService<IAccessTokenSource>();

    public ZuoraClient Client => _services.GetRequiredService<ZuoraClient>();

    public async Task<List<ListPage>> ListAllAsync()
    {
        var pages = new List<ListPage>();
        await foreach (var page in Client.ListPagesAsync(CancellationToken.None))
        {
            pages.Add(page);
        }

        return pages;
    }

    public void Dispose() => _services.Dispose();
}
