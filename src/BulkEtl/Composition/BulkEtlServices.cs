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
    /// pipeline, and for each entity (one, possibly without an entity header, on a single-entity tenant) its own
    /// transport, token source, adaptive limiter, client and extractor, all built by <see cref="Entity"/>.
    /// </summary>
    /// <param name="primaryHandler">For tests only: the handler under the client instead of the network's.</param>
    public static IServiceCollection AddNightlyRun(this IServiceCollection services, ZuoraOptions options,
        Func<HttpMessageHandler>? primaryHandler = null)
    {
        // Each entity's options carry its entity id; the night's own are the first entity's, as its first client's.
        IReadOnlyList<string?> entityIds = options.EntityIds.Count > 0 ? [.. options.EntityIds] : [options.EntityId];
        var entityOptions = entityIds.Select(entityId => options with { EntityId = entityId }).ToList();
        services.AddSingleton(entityOptions[0]);
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
        services.AddSingleton(provider => new TenantEntities(entityOptions.Select(entity => Entity(entity, provider)).ToList()));

        // A check, and the tests of one client, talk to the first entity as a night does.
        services.AddSingleton(provider => First(provider).Client);
        services.AddSingleton(provider => First(provider).Extractor);
        services.AddSingleton(provider => First(provider).Transport);
        services.AddSingleton(provider => First(provider).Tokens);
        services.AddSingleton<NightlyRun>();
        services.AddSingleton<DryRun>();
        return services;
    }

    /// <summary>
    /// Why rows fail: the failure-reason collection a night runs after its summaries. The file host gets its
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
    /// One entity's objects, the same for a single-entity night and for each entity of a multi-entity one: its own
    /// transport (which sends its Zuora-Entity-Ids header), token source, limiter, client and extractor (Zuora's token
    /// and concurrency limit are per entity), sharing the HttpClient factory, the pipeline and the call metrics.
    /// </summary>
    private static EntityExtraction Entity(ZuoraOptions entityOptions, IServiceProvider provider)
    {
        var timeProvider = provider.GetRequiredService<TimeProvider>();
        var loggers = provider.GetRequiredService<ILoggerFactory>();
        var transport = new ZuoraTransport(provider.GetRequiredService<IHttpClientFactory>().CreateClient(ZuoraHttpClient), entityOptions,
            provider.GetRequiredService<ResiliencePipeline>(), provider.GetRequiredService<ZuoraCallMetrics>(), timeProvider);
        var tokens = AccessTokenSources.Create(entityOptions, transport, timeProvider);
        var client = new ZuoraClient(transport, tokens, new AdaptiveConcurrencyLimiter(entityOptions.MaxConcurrency), timeProvider,
            loggers.CreateLogger<ZuoraClient>());
        return new EntityExtraction(entityOptions.EntityId, new JobExtractor(client, loggers.CreateLogger<JobExtractor>()), client, transport, tokens);
    }

    private static EntityExtraction First(IServiceProvider provider) => provider.GetRequiredService<TenantEntities>().Entities[0];
}
