using System.Globalization;
using BulkEtl.Extract;

namespace BulkEtl.Cli.Settings;

/// <summary>
/// Every key the configuration file, the environment and the flags may set: defined once, so the file, the
/// BULKETL__ variables, the flags and <c>config show</c> cannot disagree. Keys are case-insensitive.
/// </summary>
internal static class SettingKeys
{
    public const string EnvironmentPrefix = "BULKETL__";

    /// <summary>Read from the working directory when --config is not given.</summary>
    public const string DefaultFileName = "bulk-etl.json";

    private static readonly ZuoraResilienceOptions Resilience = new();

    public static readonly SettingKey BaseUrl = new("Zuora:BaseUrl", "--base-url");
    public static readonly SettingKey ClientId = new("Zuora:ClientId", "--client-id");
    public static readonly SettingKey ClientSecret = new("Zuora:ClientSecret", "--client-secret", IsSecret: true);
    public static readonly SettingKey Token = new("Zuora:Token", "--token", IsSecret: true);
    public static readonly SettingKey EntityIds = new("Zuora:EntityIds", "--entity-id", IsList: true);
    public static readonly SettingKey OrgIds = new("Zuora:OrgIds", "--org-ids", IsList: true);
    public static readonly SettingKey MaxConcurrency = new("Zuora:MaxConcurrency", "--max-concurrency", Default: Text(ZuoraOptions.DefaultMaxConcurrency));
    public static readonly SettingKey MaxRetries = new("Zuora:MaxRetries", "--max-retries", Default: Text(Resilience.MaxRetryAttempts));
    public static readonly SettingKey RetryBaseDelay = new("Zuora:RetryBaseDelay", "--retry-base-delay", Default: Text(Resilience.BaseDelay.TotalSeconds));
    public static readonly SettingKey RetryMaxDelay = new("Zuora:RetryMaxDelay", "--retry-max-delay", Default: Text(Resilience.MaxDelay.TotalSeconds));
    public static readonly SettingKey MaxRetryAfter = new("Zuora:MaxRetryAfter", "--max-retry-after", Default: Text(Resilience.MaxRetryAfter.TotalSeconds));
    public static readonly SettingKey AttemptTimeout = new("Zuora:AttemptTimeout", "--attempt-timeout", Default: Text(Resilience.AttemptTimeout.TotalSeconds));
    public static readonly SettingKey CallTimeout = new("Zuora:CallTimeout", "--call-timeout", Default: Text(Resilience.TotalTimeout.TotalSeconds));
    public static readonly SettingKey MaxResponseBytes = new("Zuora:MaxResponseBytes", "--max-response-bytes", Default: Text(Resilience.MaxResponseBytes));
    public static readonly SettingKey MaxListPages = new("Zuora:MaxListPages", "--max-list-pages", Default: "0");
    public static readonly SettingKey FailureReasonsDeadline = new("FailureReasons:Deadline", "--failure-reasons-deadline",
        Default: Text(BulkEtl.Reasons.FailureFileOptions.DefaultDeadline.TotalSeconds));
    public static readonly SettingKey Database = new("Database", "--db");
    public static readonly SettingKey Output = new("Output", "--out", Default: "reports");

    public static readonly IReadOnlyList<SettingKey> All =
    [
        BaseUrl, ClientId, ClientSecret, Token, EntityIds, OrgIds, MaxConcurrency, MaxRetries, RetryBaseDelay, RetryMaxDelay,
        MaxRetryAfter, AttemptTimeout, CallTimeout, MaxResponseBytes, MaxListPages, FailureReasonsDeadline, Database, Output,
    ];

    /// <summary>The credentials: the highest layer that names any of them chooses between a token and client credentials.</summary>
    public static readonly IReadOnlyList<SettingKey> Credentials = [Token, ClientId, ClientSecret];

    /// <summary>The older variables, kept working. A BULKETL__ variable for the same key wins over them.</summary>
    public static readonly IReadOnlyList<(string Variable, SettingKey Key)> Shortcuts =
    [
        ("ZUORA_BASE_URL", BaseUrl), ("ZUORA_TOKEN", Token), ("ZUORA_CLIENT_ID", ClientId), ("ZUORA_CLIENT_SECRET", ClientSecret),
    ];

    /// <summary>The key a configuration path sets (<c>zuora:entityids:1</c> sets Zuora:EntityIds), or null if none.</summary>
    public static SettingKey? Find(string path)
    {
        foreach (var key in All)
        {
            if (string.Equals(path, key.Key, StringComparison.OrdinalIgnoreCase)
                || (key.IsList && path.StartsWith(key.Key + ":", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(path.AsSpan(key.Key.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return key;
            }
        }

        return null;
    }

    private static string Text<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
