using System.Globalization;
using BulkEtl.Cli.Commands;
using BulkEtl.Cli.Composition;
using BulkEtl.Extract;

namespace BulkEtl.Cli.Settings;

/// <summary>What run and check take from the layered settings, each value checked and named by its origin when wrong.</summary>
internal sealed record RunConfiguration(
    ZuoraConnection Connection,
    string? DatabasePath,
    string OutputDirectory,
    IReadOnlyList<string> EntityIds,
    IReadOnlyList<string> OrgIds,
    ResilienceTuning Tuning)
{
    private static readonly ZuoraResilienceOptions Defaults = new();

    /// <summary>The failure-reason step's budget in a night (FailureReasons:Deadline).</summary>
    public TimeSpan FailureReasonsDeadline { get; init; } = BulkEtl.Reasons.FailureFileOptions.DefaultDeadline;

    /// <exception cref="UsageException">A value is missing or wrong; the message names the key and where it was set.</exception>
    public static RunConfiguration Read(LayeredSettings settings)
    {
        var baseUrl = settings[SettingKeys.BaseUrl]?.Text
            ?? throw new UsageException($"no Zuora base URL: give --base-url, or set {SettingKeys.BaseUrl.Key} in the configuration file, "
                + $"{SettingKeys.BaseUrl.EnvironmentName} or ZUORA_BASE_URL");
        var connection = ZuoraConnection.Create(baseUrl, settings[SettingKeys.Token]?.Text, settings[SettingKeys.ClientId]?.Text,
            settings[SettingKeys.ClientSecret]?.Text);

        var tuning = new ResilienceTuning(Integer(settings, SettingKeys.MaxConcurrency, 1, 200, " (Zuora's high-volume limit)"), Defaults with
        {
            MaxResponseBytes = Integer(settings, SettingKeys.MaxResponseBytes, 64 * 1024, 1024L * 1024 * 1024),
            MaxRetryAttempts = Integer(settings, SettingKeys.MaxRetries, 0, 20),
            BaseDelay = Seconds(settings, SettingKeys.RetryBaseDelay),
            MaxDelay = Seconds(settings, SettingKeys.RetryMaxDelay),
            MaxRetryAfter = Seconds(settings, SettingKeys.MaxRetryAfter),
            AttemptTimeout = Seconds(settings, SettingKeys.AttemptTimeout),
            TotalTimeout = Seconds(settings, SettingKeys.CallTimeout),
        }) { MaxListPages = Integer(settings, SettingKeys.MaxListPages, 0, 10_000_000) };

        return new RunConfiguration(
            connection,
            settings[SettingKeys.Database]?.Text,
            settings[SettingKeys.Output]!.Text,
            // Each a UUID with hyphens (Zuora's token endpoint requires it); several entities are listed and fetched in turn.
            settings[SettingKeys.EntityIds] is { } entityIds ? Commands.EntityIds.Validate(entityIds.Items, entityIds.Name) : [],
            HeaderIds(settings[SettingKeys.OrgIds], "printable ASCII ids separated by commas"),
            tuning)
        {
            FailureReasonsDeadline = Seconds(settings, SettingKeys.FailureReasonsDeadline),
        };
    }

    /// <summary>The database a run writes; a run without one is a usage error.</summary>
    public string RequireDatabase() =>
        DatabasePath ?? throw new UsageException($"no database: give --db, or set {SettingKeys.Database.Key} in the configuration file or {SettingKeys.Database.EnvironmentName}");

    private static int Integer(LayeredSettings settings, SettingKey key, int min, int max, string why = "") =>
        (int)Integer(settings, key, min, (long)max, why);

    private static long Integer(LayeredSettings settings, SettingKey key, long min, long max, string why = "")
    {
        var value = settings[key]!;
        return long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new UsageException($"{value.Name} must be a whole number between {min} and {max}{why}");
    }

    private static TimeSpan Seconds(LayeredSettings settings, SettingKey key)
    {
        var value = settings[key]!;
        return double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
               && seconds is > 0 and <= 86_400 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"{value.Name} must be a number of seconds above 0 and at most 86400");
    }

    private static IReadOnlyList<string> HeaderIds(SettingValue? value, string expected) =>
        value is null ? []
        : value.Items.All(IsHeaderSafe) ? value.Items
        : throw new UsageException($"{value.Name} must be {expected}");

    private static bool IsHeaderSafe(string value) => value.Length > 0 && value.All(c => c is > ' ' and <= '~' and not ',');
}
