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

    /// <summary>
    /// The summaries of these ids are held back for <see cref="HangDuration"/> (ending early if the client gives up),
    /// then answered normally: a client must keep what it fetched while no new answer arrives.
    /// </summary>
    public IReadOnlySet<string> SlowIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

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

    /// <summary>
    /// Every path, the token endpoint included, answers 404 with a gateway's body (not Zuora's "No job summaries
    /// found"), as a base URL with a wrong path suffix or the wrong region would.
    /// </summary>
    public bool NotFoundEverywhere { get; init; }

    /// <summary>
    /// The N-th list page (1-based, counting list calls that would answer a page) answers 404 with a gateway's body,
    /// not Zuora's "No job summaries found": a list cut short must not pass for the end of the list.
    /// </summary>
    public int? ListNotFoundAtPage { get; init; }

    /// <summary>
    /// The N-th list page (counted as for <see cref="ListNotFoundAtPage"/>) answers 200 in another envelope:
    /// <c>{"success":true,"summaries":[..],"nextPageCursor":..}</c>, with no <c>data</c> array.
    /// </summary>
    public int? ListPageWithoutDataAt { get; init; }

    /// <summary>
    /// The summaries of these ids answer 200 gzip (whatever Accept-Encoding said, as a hostile gateway would) with a
    /// body that inflates to more than <see cref="OversizedBodyBytes"/>.
    /// </summary>
    public IReadOnlySet<string> OversizedBodyIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public long OversizedBodyBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The summaries of these ids are valid summaries of their job whose <c>id</c> names another job.</summary>
    public IReadOnlySet<string> WrongIdIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>When set: POST /oauth/token answers 307 with this Location (a client must not follow it).</summary>
    public Uri? TokenRedirectTo { get; init; }

    /// <summary>Job id to the raw text written verbatim, unvalidated, as that job's entry in a list page.</summary>
    public IReadOnlyDictionary<string, string> RawListEntries { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Job id to the raw text written verbatim, unvalidated, as that job's summary body.</summary>
    public IReadOnlyDictionary<string, string> RawSummaries { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// After this many data calls (every call but the token's), every call, the token's included, answers 429 with
    /// <c>ratelimit-remaining: 0</c> and <c>ratelimit-reset</c> and Retry-After of <see cref="QuotaResetSeconds"/>:
    /// the tenant's quota for the window is spent.
    /// </summary>
    public int? QuotaExhaustedAfterCalls { get; init; }

    public int QuotaResetSeconds { get; init; } = 3600;

    /// <summary>
    /// Every error body's message is about 100 KB with control characters, ANSI escapes, CR/LF and a fake
    /// Authorization header: what a client must never copy raw into a log, a terminal or the store.
    /// </summary>
    public bool HostileErrorReasons { get; init; }

    /// <summary>
    /// When set: the raw JSON written as <c>expires_in</c> in the token answer (<c>0</c>, <c>-5</c>, <c>"3599"</c>).
    /// The token then lives that many seconds (a numeric string counts; negatives count as 0).
    /// </summary>
    public string? TokenExpiresInJson { get; init; }

    /// <summary>How the tenant speaks where Zuora's reference is silent: cursor name, empty tenant's 404, error shape.</summary>
    public ZuoraDialect Dialect { get; init; } = new();

    /// <summary>The list goes on past its end, as a broken or hostile server's might.</summary>
    public EndlessListing EndlessListing { get; init; }
}
