using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace BulkEtl.Cli.Settings;

/// <summary>
/// The effective configuration: the JSON file (--config, else ./bulk-etl.json when present), then the environment
/// (ZUORA_* shortcuts, then BULKETL__ variables), then the flags given on the command line, each overriding the one
/// before. A list is replaced as a whole, never merged item by item. The highest layer that names a credential chooses
/// between a token and client credentials, so a token in one place never mixes with client credentials from another.
/// An unknown key is an error naming the key and where it was found.
/// </summary>
internal sealed class LayeredSettings
{
    private readonly Dictionary<SettingKey, SettingValue> _values;

    private LayeredSettings(string? file, Dictionary<SettingKey, SettingValue> values)
    {
        File = file;
        _values = values;
    }

    /// <summary>The configuration file read, or null when there was none.</summary>
    public string? File { get; }

    /// <summary>The effective value, a default included; null when nothing sets the key.</summary>
    public SettingValue? this[SettingKey key] =>
        _values.TryGetValue(key, out var value) ? value
        : key.Default is { } text ? new SettingValue(key, [text], SettingOrigin.Default)
        : null;

    /// <exception cref="UsageException">The file is missing or unreadable, or a key is unknown.</exception>
    public static LayeredSettings Load(ParseResult parse, SettingFlags flags, CliEnvironment environment)
    {
        var (file, fromFile) = ReadFile(parse.GetValue(flags.Config), environment);
        Dictionary<SettingKey, SettingValue>[] layers = [fromFile, ReadEnvironment(environment), ReadFlags(parse, flags)];
        var values = new Dictionary<SettingKey, SettingValue>();
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer)
            {
                values[key] = value;
            }
        }

        foreach (var key in CredentialsSetAside(layers))
        {
            values.Remove(key);
        }

        return new LayeredSettings(file, values);
    }

    /// <summary>
    /// The highest layer that names a credential chooses the kind: a token alone sets client credentials aside, client
    /// credentials set a token aside, wherever they were. The client id and secret may still come from different layers
    /// (the id in the file, the secret in the environment).
    /// </summary>
    private static IReadOnlyList<SettingKey> CredentialsSetAside(Dictionary<SettingKey, SettingValue>[] layers)
    {
        var deciding = layers.LastOrDefault(layer => SettingKeys.Credentials.Any(layer.ContainsKey));
        if (deciding is null)
        {
            return [];
        }

        var token = deciding.ContainsKey(SettingKeys.Token);
        var client = deciding.ContainsKey(SettingKeys.ClientId) || deciding.ContainsKey(SettingKeys.ClientSecret);
        return token && !client ? [SettingKeys.ClientId, SettingKeys.ClientSecret]
            : client && !token ? [SettingKeys.Token]
            : [];
    }

    private static (string? File, Dictionary<SettingKey, SettingValue> Values) ReadFile(string? given, CliEnvironment environment)
    {
        var workingDirectory = environment.WorkingDirectory ?? Directory.GetCurrentDirectory();
        var path = Path.GetFullPath(given ?? SettingKeys.DefaultFileName, workingDirectory);
        if (!System.IO.File.Exists(path))
        {
            return given is null ? (null, []) : throw new UsageException($"the configuration file '{given}' does not exist");
        }

        RefuseUntrusted(path, named: given is not null);

        IConfigurationRoot root;
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            root = new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or JsonException)
        {
            // The parser's messages give a line and position, never the file's content.
            throw new UsageException($"the configuration file {path} is not valid JSON configuration: {exception.Message}");
        }

        var origin = new SettingOrigin(SettingLayer.File, path);
        var entries = root.AsEnumerable().Where(pair => !string.IsNullOrEmpty(pair.Value)).Select(pair => (pair.Key, pair.Value!, origin));
        var values = Collect(entries, $"in the configuration file {path}");
        WarnIfSecretIsReadable(path, values, environment);
        return (path, values);
    }

    /// <summary>
    /// The implicit ./bulk-etl.json is whatever lies in the working directory: one another user owns, or may write,
    /// could point the base URL at their own host, which then receives the client secret from the environment. It is
    /// read only when its owner is this user (or root) and no one else may write it; --config naming a file is the
    /// operator's decision and is respected.
    /// </summary>
    private static void RefuseUntrusted(string path, bool named)
    {
        if (named || OperatingSystem.IsWindows())
        {
            return;
        }

        var owner = BulkEtl.Store.LocalPath.OwnerOf(path);
        var why = owner is { } uid && uid != BulkEtl.Store.LocalPath.CurrentUser && uid != 0 ? "owned by another user"
            : System.IO.File.GetUnixFileMode(path).HasFlag(UnixFileMode.OtherWrite) ? "writable by other users"
            : null;
        if (why is not null)
        {
            throw new UsageException(
                $"the configuration file {path} is {why}: it could send the credentials anywhere, so it is not read; "
                + "make it yours and not writable by others (chown, chmod o-w), or name it with --config if you trust it");
        }
    }

    private static void WarnIfSecretIsReadable(string path, Dictionary<SettingKey, SettingValue> values, CliEnvironment environment)
    {
        var secrets = values.Keys.Where(key => key.IsSecret).Select(key => key.Key).ToList();
        if (secrets.Count > 0 && !OperatingSystem.IsWindows() && System.IO.File.GetUnixFileMode(path).HasFlag(UnixFileMode.OtherRead))
        {
            environment.Error.WriteLine(
                $"warning: the configuration file {path} holds a secret ({string.Join(", ", secrets)}) and is readable by other users: "
                + $"chmod o-r {path}, or move the secret to the environment");
        }
    }

    private static Dictionary<SettingKey, SettingValue> ReadEnvironment(CliEnvironment environment)
    {
        var entries = new List<(string Path, string Value, SettingOrigin Origin)>();
        foreach (var (variable, key) in SettingKeys.Shortcuts)
        {
            if (environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                entries.Add((key.Key, value, new SettingOrigin(SettingLayer.Environment, variable)));
            }
        }

        // Added after the shortcuts: for the same key, the BULKETL__ variable wins.
        foreach (var variable in environment.ListEnvironmentVariables().Order(StringComparer.Ordinal))
        {
            if (variable.StartsWith(SettingKeys.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)
                && environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                var path = variable[SettingKeys.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                entries.Add((path, value, new SettingOrigin(SettingLayer.Environment, variable)));
            }
        }

        return Collect(entries, "in the environment");
    }

    private static Dictionary<SettingKey, SettingValue> ReadFlags(ParseResult parse, SettingFlags flags)
    {
        var values = new Dictionary<SettingKey, SettingValue>();
        foreach (var (key, option) in flags.Bindings)
        {
            // Only a flag typed on the command line overrides: an option's default is not a setting.
            if (parse.GetResult(option) is { Implicit: false } result && result.Tokens.Count > 0)
            {
                values[key] = new SettingValue(key, Items(key, result.Tokens.Select(token => token.Value)), new SettingOrigin(SettingLayer.Flag, key.Flag));
            }
        }

        return values;
    }

    /// <summary>Groups configuration paths by key; a list's items come in index order, a later scalar replaces the list.</summary>
    private static Dictionary<SettingKey, SettingValue> Collect(IEnumerable<(string Path, string Value, SettingOrigin Origin)> entries, string where)
    {
        var grouped = new Dictionary<SettingKey, List<(string Path, string Value, SettingOrigin Origin)>>();
        foreach (var entry in entries)
        {
            var key = SettingKeys.Find(entry.Path)
                ?? throw new UsageException(
                    $"unknown configuration key '{entry.Path}' {where} ({entry.Origin}); known keys: {string.Join(", ", SettingKeys.All.Select(key => key.Key))}");
            if (!grouped.TryGetValue(key, out var list))
            {
                grouped[key] = list = [];
            }

            if (entry.Path.Length == key.Key.Length)
            {
                list.Clear();
            }

            list.Add(entry);
        }

        return grouped.ToDictionary(
            pair => pair.Key,
            pair => new SettingValue(pair.Key, Items(pair.Key, pair.Value.OrderBy(entry => Index(entry.Path, pair.Key)).Select(entry => entry.Value)),
                pair.Value[0].Origin));
    }

    private static int Index(string path, SettingKey key) =>
        path.Length == key.Key.Length ? -1 : int.Parse(path.AsSpan(key.Key.Length + 1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A list may also be given as one comma-separated value (--org-ids a,b; BULKETL__ZUORA__ORGIDS=a,b).</summary>
    private static IReadOnlyList<string> Items(SettingKey key, IEnumerable<string> values) =>
        key.IsList
            ? [.. values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [values.Last()];
}
