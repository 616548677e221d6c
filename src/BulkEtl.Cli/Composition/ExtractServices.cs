using System.Net;
using BulkEtl.Extract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Cli.Composition;

/// <summary>Wires one run's Zuora client: a factory-made HttpClient, the shared pipeline, tokens, the limiter.</summary>
internal static class ExtractServices
{
    public const string HttpClientName = "zuora";

    public static IServiceCollection AddZuoraExtraction(this IServiceCollection services, ZuoraConnection connection,
        ZuoraOptions options, TimeProvider timeProvider)
    {
        services.AddSingleton(timeProvider);
        services.AddSingleton(options);
        services.AddSingleton<ZuoraCallMetrics>();
        services.AddHttpClient(HttpClientName, client =>
            {
                client.BaseAddress = options.BaseUrl;
                // The resilience pipeline owns every timeout.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip,
                // A redirect could carry the client secret or the token to another host: refused, never followed.
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = options.MaxConcurrency + 2,
            })
            // The factory's own logging writes request URIs and header names; nothing in it is needed, so none of it runs.
            .RemoveAllLoggers();
        services.AddSingleton(provider => ZuoraResiliencePipeline.Create(options.Resilience, timeProvider,
            provider.GetRequiredService<ZuoraCallMetrics>(), provider.GetRequiredService<ILoggerFactory>().CreateLogger("BulkEtl.Zuora")));
        services.AddSingleton(provider => new ZuoraTransport(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), options,
            provider.GetRequiredService<Polly.ResiliencePipeline>(), provider.GetRequiredService<ZuoraCallMetrics>(), timeProvider));
        services.AddSingleton(provider => connection.CreateTokenSource(provider.GetRequiredService<ZuoraTransport>(), timeProvider));
        services.AddSingleton(_ => new AdaptiveConcurrencyLimiter(options.MaxConcurrency));
        services.AddSingleton<ZuoraClient>();
        services.AddSingleton<JobExtractor>();
        return services;
    }
}
