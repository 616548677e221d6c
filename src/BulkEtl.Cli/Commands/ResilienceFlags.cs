using System.CommandLine;
using BulkEtl.Cli.Settings;
using BulkEtl.Extract;

namespace BulkEtl.Cli.Commands;

/// <summary>The documented knobs of the HTTP pipeline as flags; an unset flag leaves the key to the other layers and its default.</summary>
internal sealed class ResilienceFlags
{
    private static readonly ZuoraResilienceOptions Defaults = new();

    /// <summary>Each flag with the configuration key it sets; values are read and checked with the other layers.</summary>
    /// <remarks>The order is the order --help lists them in.</remarks>
    public IEnumerable<(SettingKey Key, Option Option)> Bindings { get; } =
    [
        Flag<long>(SettingKeys.MaxResponseBytes, $"Largest decoded answer read from Zuora, in bytes; a larger one fails that call without being read (Zuora:MaxResponseBytes; default {Defaults.MaxResponseBytes})"),
        Flag<int>(SettingKeys.MaxConcurrency, $"Most fetches in flight at once; lowered automatically when Zuora answers 429 (Zuora:MaxConcurrency; default {ZuoraOptions.DefaultMaxConcurrency}: a quarter of Zuora's 40 per tenant)"),
        Flag<int>(SettingKeys.MaxRetries, $"Retries per call after the first attempt (Zuora:MaxRetries; default {Defaults.MaxRetryAttempts})"),
        Flag<double>(SettingKeys.RetryBaseDelay, $"Seconds before the first retry, doubled each time with jitter (Zuora:RetryBaseDelay; default {Defaults.BaseDelay.TotalSeconds})"),
        Flag<double>(SettingKeys.RetryMaxDelay, $"Longest backoff in seconds (Zuora:RetryMaxDelay; default {Defaults.MaxDelay.TotalSeconds})"),
        Flag<double>(SettingKeys.MaxRetryAfter, $"Longest Retry-After honoured, in seconds; longer ones are cut to it (Zuora:MaxRetryAfter; default {Defaults.MaxRetryAfter.TotalSeconds})"),
        Flag<double>(SettingKeys.AttemptTimeout, $"Seconds one attempt may take (Zuora:AttemptTimeout; default {Defaults.AttemptTimeout.TotalSeconds})"),
        Flag<int>(SettingKeys.MaxListPages, $"Most list pages one listing reads before it is failed as endless (Zuora:MaxListPages; default 0: four times the pages of the last complete listing, at least 100 more, or {ListingBound.FirstListingPages} before any)"),
        Flag<double>(SettingKeys.CallTimeout, $"Seconds one call may take with all its retries (Zuora:CallTimeout; default {Defaults.TotalTimeout.TotalSeconds})"),
    ];

    // The flag is named by its key so the two cannot drift apart; T is the type the value is parsed and checked as.
    private static (SettingKey Key, Option Option) Flag<T>(SettingKey key, string description) =>
        (key, new Option<T>(key.Flag) { Description = description });
}

/// <summary>The pipeline settings a run uses.</summary>
internal sealed record ResilienceTuning(int MaxConcurrency, ZuoraResilienceOptions Resilience)
{
    /// <summary>Zuora:MaxListPages; 0 derives the bound from the store's last complete listing.</summary>
    public int MaxListPages { get; init; }

    public static ResilienceTuning Default { get; } = new(ZuoraOptions.DefaultMaxConcurrency, new ZuoraResilienceOptions());
}
