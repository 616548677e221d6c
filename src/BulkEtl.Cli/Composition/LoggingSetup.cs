using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace BulkEtl.Cli.Composition;

/// <summary>Logs go to stderr (stdout carries the run's result), as single lines or JSON for log shippers.</summary>
internal static class LoggingSetup
{
    public static void Configure(ILoggingBuilder logging, string level, string format)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(ParseLevel(level));
        // The HTTP stack logs full URIs at Information; our own lines say what matters without them.
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        switch (format)
        {
            case "json":
                logging.AddJsonConsole(options =>
                {
                    options.IncludeScopes = true;
                    options.UseUtcTimestamp = true;
                    options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });
                break;
            case "text":
                logging.AddSimpleConsole(options =>
                {
                    options.SingleLine = true;
                    options.IncludeScopes = true;
                    options.UseUtcTimestamp = true;
                    options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z' ";
                    options.ColorBehavior = LoggerColorBehavior.Disabled;
                });
                break;
            default:
                throw new UsageException($"--log-format '{format}' is not one of: text, json");
        }
    }

    private static LogLevel ParseLevel(string level) => level.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "information" or "info" => LogLevel.Information,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "none" => LogLevel.None,
        _ => throw new UsageException($"--log-level '{level}' is not one of: trace, debug, information, warning, error, none"),
    };
}
