using BulkEtl.Extract;
using BulkEtl.Reasons;
using BulkEtl.Report;
using BulkEtl.Run;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;

namespace BulkEtl.Composition;

/// <summary>
/// The one place BulkEtl is wired: every command and the tests build their services here, so a night, a report and a
/// test run the same objects with the same settings.
/// </summary>
internal static class BulkEtlServices
{
    public const string ZuoraHttpClient = "zuora";

    /// <summary>What every command needs: the clock and the report publisher.</summary>
    public static IServiceCollection AddBulkEtl(this IServiceCollection services, TimeProvider timeProvider)
    {
        services.AddSingleton(timeProvider);
        services.AddSingleton<ReportPublisherFactory>();
        return services;
    }

    /// <summary>
    /// A night against one Zuora tenant: a factory-made HttpClient that follows no redirect, the shared resilience
    /// pipeline, the token source the options call for, the adaptive limiter, the client, the extractor and the run.
    /// </summary>
    /// <param name="primaryHandler">For tests only: the handler under the client instead of the network's.</param>
    public static IServiceCollection AddNightlyRun(this IServiceCollection services, ZuoraOptions options,
        Func<HttpMessageHandler>? primaryHandler = null)
    {
        // The one client a single-entity night (or a check) builds sends the first entity as its header; a multi-entity
        // night builds one more per entity (Entities).
        options = options.EntityIds.Count > 0 ? options with { EntityId = options.EntityIds[0] } : options;
        services.AddSingleton(options);
        services.AddSingleton<ZuoraCallMetrics>();
        services.AddHttpClient(ZuoraHttpClient, client =>
            {
                client.BaseAddress = options.BaseUrl;
                // The resilience pipeline owns every timeout.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // A redirect could carry the client secret or the token to another host: refused, never followed.
            .ConfigurePrimaryHttpMessageHandler(primaryHandler ?? (() => ZuoraHttpHandler.Create(options.MaxConcurrency + 2)))
            // The factory's own logging writes request URIs and header names; nothing in it is needed, so none of it runs.
            .RemoveAllLoggers();
        services.AddSingleton(provider => ZuoraResiliencePipeline.Create(options.Resilience, provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ZuoraCallMetrics>(), provider.GetRequiredService<ILoggerFactory>().CreateLogger("BulkEtl.Zuora")));
        services.AddSingleton(provider => new ZuoraTransport(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(ZuoraHttpClient), options,
            provider.GetRequiredService<ResiliencePipeline>(), provider.GetRequiredService<ZuoraCallMetrics>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => AccessTokenSources.Create(options, provider.GetRequiredService<ZuoraTransport>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new AdaptiveConcurrencyLimiter(options.MaxConcurrency));
        services.AddSingleton<ZuoraClient>();
        services.AddSingleton<JobExtractor>();
        services.AddSingleton(provider => Entities(options, provider));
        services.AddSingleton<NightlyRun>();
        services.AddSingleton<DryRun>();
        return services;
    }

    /// <summary>
    /// Why rows fail (issue 12): the failure-reason collection a night runs after its summaries. The file host gets its
    /// own HttpClient with no default headers, so no Authorization or Zuora-* header can reach it. Nothing is added
    /// when <paramref name="options"/> is null (--no-failure-reasons): the run then skips the step.
    /// </summary>
    public static IServiceCollection AddFailureReasons(this IServiceCollection services, FailureFileOptions? options)
    {
        if (options is null)
        {
            return services;
        }

        services.AddSingleton(options);
        // Links may reach this machine over plain http only when Zuora itself is this machine (the simulator).
        services.AddSingleton(provider =>
        {
            var files = options with { LoopbackLinks = Loopback.Is(provider.GetRequiredService<ZuoraOptions>().BaseUrl) };
            return new FailureFileClient(FailureFileClient.CreateHttpClient(files.LoopbackLinks), files);
        });
        services.AddSingleton<FailureReasonCollector>();
        return services;
    }

    /// <summary>
    /// The night's entities: the services above for a single entity; for several, one transport, token source, limiter,
    /// client and extractor per entity (Zuora's token and concurrency limit are per entity), sharing the HttpClient
    /// factory, the pipeline and the call metrics.
    /// </summary>
    private static TenantEntities Entities(ZuoraOptions options, IServiceProvider provider)
    {
        if (options.EntityIds.Count <= 1)
        {
            return new TenantEntities([new EntityExtraction(options.EntityId,
                provider.GetRequiredService<JobExtractor>(), provider.GetRequiredService<ZuoraClient>())]);
        }

        var timeProvider = provider.GetRequiredService<TimeProvider>();
        var metrics = provider.GetRequiredService<ZuoraCallMetrics>();
        var loggers = provider.GetRequiredService<ILoggerFactory>();
        return new TenantEntities(options.EntityIds.Select(entityId =>
        {
            var entityOptions = options with { EntityId = entityId };
            var transport = new ZuoraTransport(provider.GetRequiredService<IHttpClientFactory>().CreateClient(ZuoraHttpClient), entityOptions,
                provider.GetRequiredService<ResiliencePipeline>(), metrics, timeProvider);
            var client = new ZuoraClient(transport, AccessTokenSources.Create(entityOptions, transport, timeProvider),
                new AdaptiveConcurrencyLimiter(options.MaxConcurrency), timeProvider, loggers.CreateLogger<ZuoraClient>());
            return new EntityExtraction(entityId, new JobExtractor(client, loggers.CreateLogger<JobExtractor>()), client);
        }).ToList());
    }
}
