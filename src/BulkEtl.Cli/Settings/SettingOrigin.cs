namespace BulkEtl.Cli.Settings;

/// <summary>The layers, in precedence order: each overrides the one before.</summary>
internal enum SettingLayer
{
    Default,
    File,
    Environment,
    Flag,
}

/// <summary>Where a value came from: the layer and the file path, variable name or flag.</summary>
internal sealed record SettingOrigin(SettingLayer Layer, string Name)
{
    public static SettingOrigin Default { get; } = new(SettingLayer.Default, "default");

    public override string ToString() => Layer switch
    {
        SettingLayer.File => $"file {Name}",
        SettingLayer.Environment => $"environment variable {Name}",
        SettingLayer.Flag => $"flag {Name}",
        _ => "default",
    };
}

/// <summary>One key's effective value (a list key's items; a scalar is one item) and its origin.</summary>
internal sealed record SettingValue(SettingKey Key, IReadOnlyList<string> Items, SettingOrigin Origin)
{
    public string Text => string.Join(',', Items);

    /// <summary>How an error names the value: the flag as typed, or the key and where it was set.</summary>
    public string Name => Origin.Layer == SettingLayer.Flag ? Key.Flag : $"{Key.Key} ({Origin})";
}
