namespace BulkEtl.Cli.Settings;

/// <summary>One configuration key (a public contract) and the flag that sets the same thing.</summary>
/// <param name="IsSecret">Printed as <c>***</c> everywhere; its value never appears in a message.</param>
/// <param name="IsList">A JSON array (<c>Key:0</c>, <c>Key:1</c>...) or, for convenience, one comma-separated string.</param>
/// <param name="Default">The value when no layer sets the key, as text; null for none.</param>
internal sealed record SettingKey(string Key, string Flag, bool IsSecret = false, bool IsList = false, string? Default = null)
{
    /// <summary>The environment variable that sets this key: <c>BULKETL__ZUORA__BASEURL</c>.</summary>
    public string EnvironmentName => SettingKeys.EnvironmentPrefix + Key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
}
