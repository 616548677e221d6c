using System.CommandLine;
using BulkEtl.Extract;

namespace BulkEtl.Cli.Commands;

/// <summary>The documented knobs of the HTTP pipeline; defaults come from <see cref="ZuoraResilienceOptions"/>.</summary>
internal sealed class ResilienceFlags
{
    private static readonly ZuoraResilienceOptions Defaults = new();

    private readonly Option<int> _maxConcurrency = new("--max-concurrency")
    {
        Description = $"Most fetches in flight at once; lowered automatically when Zuora answers 429 (default {ZuoraOptions.DefaultMaxConcurrency}: a quarter of Zuora's 40 per tenant)",
        DefaultValueFactory = _ => ZuoraOptions.DefaultMaxConcurrency,
    };

    private readonly Option<int> _maxRetries = new("--max-retries")
    {
        Description = $"Retries per call after the first attempt (default {Defaults.MaxRetryAttempts})",
        DefaultValueFactory = _ => Defaults.MaxRetryAttempts,
    };

    private readonly Option<double> _retryBaseDelay = new("--retry-base-delay")
    {
        Description = $"Seconds before the first retry, doubled each time with jitter (default {Defaults.BaseDelay.TotalSeconds})",
        DefaultValueFactory = _ => Defaults.BaseDelay.TotalSeconds,
    };

    private readonly Option<double> _retryMaxDelay = new("--retry-max-delay")
    {
        Description = $"Longest backoff in seconds (default {Defaults.MaxDelay.TotalSeconds})",
        DefaultValueFactory = _ => Defaults.MaxDelay.TotalSeconds,
    };

    private readonly Option<double> _maxRetryAfter = new("--max-retry-after")
    {
        Description = $"Longest Retry-After honoured, in seconds; longer ones are cut to it (default {Defaults.MaxRetryAfter.TotalSeconds})",
        DefaultValueFactory = _ => Defaults.MaxRetryAfter.TotalSeconds,
    };

    private readonly Option<double> _attemptTimeout = new("--attempt-timeout")
    {
        Description = $"Seconds one attempt may take (default {Defaults.AttemptTimeout.TotalSeconds})",
        DefaultValueFactory = _ => Defaults.AttemptTimeout.TotalSeconds,
    };

    private readonly Option<double> _callTimeout = new("--call-timeout")
    {
        Description = $"Seconds one call may take with all its retries (default {Defaults.TotalTimeout.TotalSeconds})",
        DefaultValueFactory = _ => Defaults.TotalTimeout.TotalSeconds,
    };

    private readonly Option<long> _maxResponseBytes = new("--max-response-bytes")
    {
        Description = $"Largest decoded answer read from Zuora, in bytes; a larger one fails that call without being read (default {Defaults.MaxResponseBytes})",
        DefaultValueFactory = _ => Defaults.MaxResponseBytes,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_maxResponseBytes);
        command.Options.Add(_maxConcurrency);
        command.Options.Add(_maxRetries);
        command.Options.Add(_retryBaseDelay);
        command.Options.Add(_retryMaxDelay);
        command.Options.Add(_maxRetryAfter);
        command.Options.Add(_attemptTimeout);
        command.Options.Add(_callTimeout);
    }

    public ResilienceTuning Read(ParseResult parse)
    {
        var maxConcurrency = parse.GetValue(_maxConcurrency);
        if (maxConcurrency is < 1 or > 200)
        {
            throw new UsageException("--max-concurrency must be between 1 and 200 (Zuora's high-volume limit)");
        }

        var maxRetries = parse.GetValue(_maxRetries);
        if (maxRetries is < 0 or > 20)
        {
            throw new UsageException("--max-retries must be between 0 and 20");
        }

        var maxResponseBytes = parse.GetValue(_maxResponseBytes);
        if (maxResponseBytes is < 64 * 1024 or > 1024L * 1024 * 1024)
        {
            throw new UsageException("--max-response-bytes must be between 65536 and 1073741824");
        }

        return new ResilienceTuning(maxConcurrency, Defaults with
        {
            MaxResponseBytes = maxResponseBytes,
            MaxRetryAttempts = maxRetries,
            BaseDelay = Seconds(parse.GetValue(_retryBaseDelay), "--retry-base-delay"),
            MaxDelay = Seconds(parse.GetValue(_retryMaxDelay), "--retry-max-delay"),
            MaxRetryAfter = Seconds(parse.GetValue(_maxRetryAfter), "--max-retry-after"),
            AttemptTimeout = Seconds(parse.GetValue(_attemptTimeout), "--attempt-timeout"),
            TotalTimeout = Seconds(parse.GetValue(_callTimeout), "--call-timeout"),
        });
    }

    private static TimeSpan Seconds(double value, string flag) =>
        value is > 0 and <= 86_400 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value)
            : throw new UsageException($"{flag} must be a number of seconds above 0 and at most 86400");
}

/// <summary>The pipeline settings a run uses.</summary>
internal sealed record ResilienceTuning(int MaxConcurrency, ZuoraResilienceOptions Resilience)
{
    public static ResilienceTuning Default { get; } = new(ZuoraOptions.DefaultMaxConcurrency, new ZuoraResilienceOptions());
}
