using System.Collections.Concurrent;
using System.Reflection;

namespace BulkEtl.Store;

/// <summary>
/// The SQL embedded from the repository's <c>sql/</c> folder, each file as written: one complete statement (a migration
/// may hold several) that runs as it is in the sqlite3 shell. Resource names are <c>sql/&lt;folder&gt;/&lt;file&gt;</c>.
/// The csproj builds them from <c>%(RecursiveDir)</c>, which has forward slashes on Linux and macOS but backslashes on
/// Windows, so names are normalised to <c>/</c> here.
/// </summary>
internal static class SqlScripts
{
    private const string Prefix = "sql/";
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ResourceNames = Assembly.GetManifestResourceNames()
        .Select(resource => (resource, name: resource.Replace('\\', '/')))
        .Where(entry => entry.name.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(entry => entry.name[Prefix.Length..], entry => entry.resource, StringComparer.Ordinal);

    /// <summary>Every embedded script, as names relative to <c>sql/</c> (e.g. <c>queries/failure_rates.sql</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ResourceNames.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The text of <paramref name="name"/>, relative to <c>sql/</c>, e.g. <c>queries/failure_rates.sql</c>.</summary>
    public static string Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Cache.GetOrAdd(name, Read);
    }

    private static string Read(string name)
    {
        using var stream = (ResourceNames.TryGetValue(name, out var resource) ? Assembly.GetManifestResourceStream(resource) : null)
            ?? throw new InvalidOperationException(
                $"no embedded SQL script '{Prefix}{name}'; embedded: {string.Join(", ", Names)}");
        using var reader = new StreamReader(stream);

        // LF whatever the checkout: the views' stored definitions compare byte for byte with these texts, and a store
        // shared by builds from Windows and Linux checkouts must not see its views as changed on every run.
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
