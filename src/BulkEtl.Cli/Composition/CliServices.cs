using BulkEtl.Composition;
using BulkEtl.Extract;
using BulkEtl.Reasons;
using Microsoft.Extensions.DependencyInjection;

namespace BulkEtl.Cli.Composition;

/// <summary>Every command's services, from the core's one composition root plus the CLI's logging.</summary>
internal static class CliServices
{
    /// <param name="zuora">A tenant to run a night against; null for the commands that only read the store.</param>
    /// <param name="failureReasons">How to read Zuora's error files after a night; null when --no-failure-reasons.</param>
    public static ServiceProvider Build(CliEnvironment environment, string logLevel = "warning", string logFormat = "text",
        ZuoraOptions? zuora = null, FailureFileOptions? failureReasons = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => LoggingSetup.Configure(logging, logLevel, logFormat))
            .AddBulkEtl(environment.TimeProvider);
        if (zuora is not null)
        {
            services.AddNightlyRun(zuora).AddFailureReasons(failureReasons);
        }

        return services.BuildServiceProvider();
    }
}
