using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace BulkEtl.Store;

/// <summary>
/// The SQL embedded from the repository's <c>sql/</c> folder. Resource names are
/// <c>sql/&lt;folder&gt;/&lt;file&gt;</c>. The csproj builds them from <c>%(RecursiveDir)</c>, which has
/// forward slashes on Linux and macOS but backslashes on Windows, so names are normalised to <c>/</c> here.
/// A line <c>-- @include rules/x.sql</c> stands for that script's text (its own includes expanded), so a rule written
/// once in <c>sql/rules/</c> serves every query and view that needs it. Migrations may not include: they are history, and a rule they borrowed
/// could change under their recorded hash.
/// </summary>
internal static partial class SqlScripts
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
        return Cache.GetOrAdd(name, Load);
    }

    private static string Load(string name) => Expand(name, Read(name), Read);

    /// <summary>
    /// <paramref name="text"/> (the script <paramref name="name"/>) with each include line replaced by the expanded
    /// text <paramref name="read"/> gives for it. Never in a migration (a name at the folder's root), never in a circle.
    /// </summary>
    /// <exception cref="InvalidOperationException">A migration includes, or a script includes itself at any depth.</exception>
    internal static string Expand(string name, string text, Func<string, string> read) => Expand(name, text, read, [name]);

    private static string Expand(string name, string text, Func<string, string> read, IReadOnlyList<string> chain)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!Include().IsMatch(text))
        {
            return text;
        }

        if (!name.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"migration {Prefix}{name} includes another script; migrations must be self-contained");
        }

        return Include().Replace(text, include =>
        {
            var included = include.Groups["name"].Value;
            return chain.Contains(included, StringComparer.Ordinal)
                ? throw new InvalidOperationException($"{string.Join(" → ", chain.Append(included).Select(step => Prefix + step))} includes in a circle")
                : Expand(included, read(included), read, [.. chain, included]).TrimEnd();
        });
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

    [GeneratedRegex(@"^[ \t]*-- @include (?<name>[a-z0-9_/]+\.sql)[ \t\r]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Include();
}
