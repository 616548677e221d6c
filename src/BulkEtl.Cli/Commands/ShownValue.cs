namespace BulkEtl.Cli.Commands;

/// <summary>A rejected command-line value as an error message shows it.</summary>
internal static class ShownValue
{
    /// <summary>Control characters as '?', clipped to 80 characters: a pasted value cannot garble the terminal.</summary>
    public static string Printable(string value) => new(value.Select(c => char.IsControl(c) ? '?' : c).Take(80).ToArray());
}
