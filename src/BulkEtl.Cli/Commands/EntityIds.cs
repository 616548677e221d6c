using System.CommandLine;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// <c>--entity-id</c> values: each a UUID with hyphens (36 characters), as Zuora's token endpoint requires of an entity
/// id; repeated for several entities, kept in the order given, duplicates dropped.
/// </summary>
internal static class EntityIds
{
    /// <summary><c>--entity-id</c> of <c>report</c> and <c>trend</c>: one entity's jobs only.</summary>
    public static Option<string?> FilterOption() => new("--entity-id")
    {
        Description = "Only this Zuora entity's jobs (a UUID), on a store holding several entities",
    };

    /// <summary>The filter's entity id, validated; null when not given.</summary>
    public static string? ValidateFilter(string? value) => value is null ? null : Validate([value])[0];

    /// <param name="name">Where the values were set (the flag, or the configuration key and its origin).</param>
    public static IReadOnlyList<string> Validate(IEnumerable<string> values, string name = "--entity-id")
    {
        var ids = new List<string>();
        foreach (var value in values)
        {
            if (value.Length != 36 || !Guid.TryParseExact(value, "D", out _))
            {
                throw new UsageException(
                    $"{name} '{ShownValue.Printable(value)}' is not an entity id: expected a UUID with hyphens, such as 8ad08e8a-7f1b-4e2c-9d3a-1b2c3d4e5f60");
            }

            if (!ids.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                ids.Add(value);
            }
        }

        return ids;
    }
}
