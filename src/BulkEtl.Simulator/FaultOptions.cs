namespace BulkEtl.Simulator;

/// <summary>Faults injected per request. Random ones are drawn from a seeded generator, so a mix is reproducible.</summary>
public sealed record FaultOptions
{
    public int? Seed { get; init; }

    /// <summary>Share of calls answering 500 or 503 (503 carries Retry-After).</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>The first N calls after the token call all answer 503: an outage burst.</summary>
    public int ServerErrorBurst { get; init; }

    /// <summary>Share of calls answering 429 for the rate limit, with Retry-After and ratelimit-remaining: 0.</summary>
    public double RateLimitRate { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Send Retry-After as an HTTP date (the other form RFC 9110 allows) instead of seconds.</summary>
    public bool RetryAfterAsDate { get; init; }

    /// <summary>Calls in flight above this answer 429 with error category 70.</summary>
    public int? ConcurrencyLimit { get; init; }

    public TimeSpan Latency { get; init; }

    /// <summary>Share of calls that hang for <see cref="HangDuration"/> before answering.</summary>
    public double HangRate { get; init; }

    public TimeSpan HangDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of answers whose body is cut off mid-way and the connection aborted.</summary>
    public double TruncateRate { get; init; }

    /// <summary>Share of answers that are 200 with a body that is not JSON.</summary>
    public double MalformedRate { get; init; }

    public IReadOnlySet<string> NotFoundIds { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> AlwaysFailIds { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> AlwaysMalformedIds { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set: every OAuth token issued so far is revoked as the N-th data call arrives (a mid-run expiry).</summary>
    public int? RevokeTokensAtCall { get; init; }

    /// <summary>Random faults also hit POST /oauth/token.</summary>
    public bool FaultTokenEndpoint { get; init; }

    /// <summary>When 0 or more: list pages after this many served pages always answer 500.</summary>
    public int FailListPagesAfter { get; init; } = -1;
}
