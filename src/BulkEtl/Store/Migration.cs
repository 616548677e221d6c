using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BulkEtl.Store;

/// <summary>One forward-only schema step, from a <c>sql/NNNN_name.sql</c> file.</summary>
internal sealed partial record Migration(int Version, string Name, string Sql)
{
    /// <summary>
    /// Hash of the script with line endings normalised, so a Windows checkout (CRLF) of an unchanged
    /// file still matches the hash recorded when it was applied.
    /// </summary>
    public string Sha256 => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public string Label => $"{Version:D4}_{Name}";

    /// <summary>The embedded migrations, ordered by version; versions must run 1, 2, 3... without gaps.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load(SqlScripts.Names, SqlScripts.Get);

    internal static IReadOnlyList<Migration> Load(IEnumerable<string> names, Func<string, string> read)
    {
        var migrations = names
            .Select(name => (name, match: FileName().Match(name)))
            .Where(entry => entry.match.Success)
            .Select(entry => new Migration(
                int.Parse(entry.match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                entry.match.Groups["name"].Value,
                read(entry.name)))
            .OrderBy(migration => migration.Version)
            .ToArray();

        for (var i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"migrations must be numbered 1, 2, 3... without gaps or duplicates; found {migrations[i].Label} at position {i + 1}");
            }
        }

        return migrations;
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
