using System.CommandLine;
using System.Globalization;
using BulkEtl.Cli.Settings;

namespace BulkEtl.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help stay identical.</summary>
internal static class CommonOptions
{
    /// <summary>--db for commands that only read a store a run made.</summary>
    public static Option<string> ExistingDatabase() => new("--db")
    {
        Description = "SQLite database file written by 'bulk-etl run'",
        Required = true,
    };

    public static Option<string> Output() => new("--out")
    {
        Description = "Folder the reports are written to",
        DefaultValueFactory = _ => SettingKeys.Output.Default!,
    };

    public static Option<string?> From() => new("--from")
    {
        Description = "First UTC day of the report window, yyyy-MM-dd (default: 29 days before --to)",
    };

    public static Option<string?> To() => new("--to")
    {
        Description = "Last UTC day of the report window, yyyy-MM-dd, inclusive (default: today, UTC)",
    };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "Rebuild the report as the store knew it at this instant, ISO-8601 (e.g. 2026-11-20T06:00:00Z)",
    };

    public static Option<bool> SettledOnly() => new("--settled-only")
    {
        Description = "Count only jobs in a final status (Completed, Failed, Aborted, Cancelled), so yesterday's numbers do not move",
    };

    public static DateTimeOffset? ParseAsOf(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // An instant needs its offset: a bare local time would mean different moments on different servers.
        return DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"],
                   CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
               && (value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 10)
            ? ReportWindow.EnsureAllowed(instant.ToUniversalTime(), "--as-of", value)
            : throw new UsageException($"--as-of '{value}' is not an ISO-8601 instant with an offset, like 2026-11-20T06:00:00Z");
    }

    public static Option<string> LogLevel() => new("--log-level")
    {
        Description = "Minimum level logged to stderr: trace, debug, information, warning, error",
        DefaultValueFactory = _ => "information",
    };

    public static Option<string> LogFormat() => new("--log-format")
    {
        Description = "Log format on stderr: text, or json for log shippers",
        DefaultValueFactory = _ => "text",
    };
}
