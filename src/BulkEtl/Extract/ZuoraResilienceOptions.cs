namespace BulkEtl.Extract;

/// <summary>
/// The retry, timeout and circuit-breaker settings of every Zuora call. The defaults follow Zuora's
/// own advice: exponential backoff with jitter from 1 s capped at 60 s, at most 5 attempts, and never
/// sooner than Retry-After.
/// </summary>
internal sealed record ZuoraResilienceOptions
{
    /// <summary>Retries after the first attempt (Zuora recommends at most 5 attempts in all).</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A Retry-After longer than this is cut down to it, so one odd header cannot stall the night.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Zuora's gateway gives up after 120 s; a little more catches its 504 rather than our own timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(130);

    /// <summary>All attempts and waits of one call together.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; init; } = 0.8;

    public int BreakerMinimumThroughput { get; init; } = 40;

    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest decoded answer read, enforced while it streams (a summary is under 2 KB, a page of 50 under 50 KB), so a
    /// gzip bomb costs one failed call and no memory.
    /// </summary>
    public long MaxResponseBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Renew an OAuth token this long before Zuora says it expires.</summary>
    public TimeSpan TokenRenewalMargin { get; init; } = TimeSpan.FromMinutes(5);
}
