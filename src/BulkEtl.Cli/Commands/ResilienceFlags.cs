using System.CommandLine;
using BulkEtl.Cli.Settings;
using BulkEtl.Extract;

namespace BulkEtl.Cli.Commands;

/// <summary>The documented knobs of the HTTP pipeline as flags; an unset flag leaves the key to the other layers and its default.</summary>
internal sealed class ResilienceFlags
{
    private static readonly ZuoraResilienceOptions Defaults = new();

    private readonly Option<int> _maxConcurrency = new("--max-concurrency")
    {
        Description = $"Most fetches in flight at once; lowered automatically when Zuora answers 429 (Zuora:MaxConcurrency; default {ZuoraOptions.DefaultMaxConcurrency}: a quarter of Zuora's 40 per tenant)",
    };

    private readonly Option<int> _maxRetries = new("--max-retries")
    {
        Description = $"Retries per call after the first attempt (Zuora:MaxRetries; default {Defaults.MaxRetryAttempts})",
    };

    private readonly Option<double> _retryBaseDelay = new("--retry-base-delay")
    {
        Description = $"Seconds before the first retry, doubled each time with jitter (Zuora:RetryBaseDelay; default {Defaults.BaseDelay.TotalSeconds})",
    };

    private readonly Option<double> _retryMaxDelay = new("--retry-max-delay")
    {
        Description = $"Longest backoff in seconds (Zuora:RetryMaxDelay; default {Defaults.MaxDelay.TotalSeconds})",
    };

    private readonly Option<double> _maxRetryAfter = new("--max-retry-after")
    {
        Description = $"Longest Retry-After honoured, in seconds; longer ones are cut to it (Zuora:MaxRetryAfter; default {Defaults.MaxRetryAfter.TotalSeconds})",
    };

    private readonly Option<double> _attemptTimeout = new("--attempt-timeout")
    {
        Description = $"Seconds one attempt may take (Zuora:AttemptTimeout; default {Defaults.AttemptTimeout.TotalSeconds})",
    };

    private readonly Option<double> _callTimeout = new("--call-timeout")
    {
        Description = $"Seconds one call may take with all its retries (Zuora:CallTimeout; default {Defaults.TotalTimeout.TotalSeconds})",
    };

    private readonly Option<long> _maxResponseBytes = new("--max-response-bytes")
    {
        Description = $"Largest decoded answer read from Zuora, in bytes; a larger one fails that call without being read (Zuora:MaxResponseBytes; default {Defaults.MaxResponseBytes})",
    };

    /// <summary>Each flag with the configuration key it sets; values are read and checked with the other layers.</summary>
    public IEnumerable<(SettingKey Key, Option Option)> Bindings =>
    [
        (SettingKeys.MaxResponseBytes, _maxResponseBytes),
        (SettingKeys.MaxConcurrency, _maxConcurrency),
        (SettingKeys.MaxRetries, _maxRetries),
        (SettingKeys.RetryBaseDelay, _retryBaseDelay),
        (SettingKeys.RetryMaxDelay, _retryMaxDelay),
        (SettingKeys.MaxRetryAfter, _maxRetryAfter),
        (SettingKeys.AttemptTimeout, _attemptTimeout),
        (SettingKeys.CallTimeout, _callTimeout),
    ];
}

/// <summary>The pipeline settings a run uses.</summary>
internal sealed record ResilienceTuning(int MaxConcurrency, ZuoraResilienceOptions Resilience)
{
    public static ResilienceTuning Default { get; } = new(ZuoraOptions.DefaultMaxConcurrency, new ZuoraResilienceOptions());
}
