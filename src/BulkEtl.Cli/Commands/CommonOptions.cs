using System.CommandLine;

namespace BulkEtl.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help stay identical.</summary>
internal static class CommonOptions
{
    public static Option<string> Database() => new("--db")
    {
        Description = "SQLite database file (created and migrated when missing)",
        Required = true,
    };

    public static Option<string> Output() => new("--out")
    {
        Description = "Folder the reports are written to",
        DefaultValueFactory = _ => "reports",
    };

    public static Option<string?> From() => new("--from")
    {
        Description = "First UTC day of the report window, yyyy-MM-dd (default: 29 days before --to)",
    };

    public static Option<string?> To() => new("--to")
    {
        Description = "Last UTC day of the report window, yyyy-MM-dd, inclusive (default: today, UTC)",
    };

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
