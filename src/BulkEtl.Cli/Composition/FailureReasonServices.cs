using BulkEtl.Reasons;
using BulkEtl.Run;
using Microsoft.Extensions.DependencyInjection;

namespace BulkEtl.Cli.Composition;

/// <summary>
/// Wires issue 12's failure-reason collection. The file host gets its own HttpClient with no default headers (so no
/// Authorization or Zuora-* header can reach it), not the factory's Zuora client. Not called when --no-failure-reasons
/// is given: NightlyRun then gets no collector and skips the step.
/// </summary>
internal static class FailureReasonServices
{
    public static IServiceCollection AddFailureReasons(this IServiceCollection services, FailureFileOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => new FailureFileClient(FailureFileClient.CreateHttpClient(), options));
        services.AddSingleton<FailureReasonCollector>();
        return services;
    }

    /// <summary>Adds the collection unless <paramref name="options"/> is null (--no-failure-reasons).</summary>
    public static IServiceCollection AddFailureReasonsUnlessOff(this IServiceCollection services, FailureFileOptions? options) =>
        options is null ? services : services.AddFailureReasons(options);
}
