using System.CommandLine;
using BulkEtl.Cli.Settings;

namespace BulkEtl.Cli.Commands;

/// <summary><c>bulk-etl config show</c>: the effective configuration and where each value came from, secrets masked.</summary>
internal static class ConfigCommand
{
    public const string Masked = "***";

    public static Command Create(CliEnvironment environment)
    {
        var settingFlags = new SettingFlags();
        var show = new Command("show", "Print the effective configuration and where each value came from (file, environment variable, flag or default); secrets print as ***");
        settingFlags.AddTo(show);
        show.SetAction(parse =>
        {
            var settings = LayeredSettings.Load(parse, settingFlags, environment);
            var output = environment.Output;
            output.WriteLine($"configuration file: {settings.File ?? $"none (no --config, no ./{SettingKeys.DefaultFileName})"}");
            var width = SettingKeys.All.Max(key => key.Key.Length);
            foreach (var key in SettingKeys.All)
            {
                var value = settings[key];
                var text = value is null ? "(not set)" : key.IsSecret ? Masked : key == SettingKeys.BaseUrl ? WithoutUserInfo(value.Text) : value.Text;
                output.WriteLine($"{key.Key.PadRight(width)}  {text}{(value is null ? "" : $"  ({value.Origin})")}");
            }

            return ExitCodes.Success;
        });

        show.WithExample("BULKETL__ZUORA__MAXCONCURRENCY=20 bulk-etl config show --config /etc/bulk-etl/bulk-etl.json");
        return new Command("config", "Inspect the configuration: file, then environment variables, then flags") { show }
            .WithExample("bulk-etl config show");
    }

    /// <summary>
    /// A base URL as show prints it: run refuses a user, password, query or fragment, but show prints what it was given,
    /// so whatever sits between the scheme and the last '@' becomes *** and the query and fragment (an ?access_token=) are
    /// dropped. Done on the text, not a parsed Uri: a URL that does not parse can hold a password all the same.
    /// </summary>
    internal static string WithoutUserInfo(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var start = scheme >= 0 ? scheme + 3 : 0;
        // The last '@' anywhere: a password may hold '/', '?' or '#', which would end the authority early for a parser.
        var at = url.LastIndexOf('@');
        var rest = at >= start ? url[at..] : url[start..];
        var end = rest.IndexOfAny(['?', '#']);
        return string.Concat(url.AsSpan(0, start), at >= start ? Masked : "", end >= 0 ? rest[..end] : rest);
    }
}
