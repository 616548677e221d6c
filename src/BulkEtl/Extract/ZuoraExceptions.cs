using System.Net;

namespace BulkEtl.Extract;

/// <summary>Zuora answered, but not with what was asked. Messages never carry secrets.</summary>
internal class ZuoraApiException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>Zuora-Request-Id, the id to quote to Zuora support.</summary>
    public string? RequestId { get; } = requestId;
}

/// <summary>A fault worth retrying: 408, 429, 5xx, or a body that was cut off or is not JSON.</summary>
internal sealed class TransientZuoraException(string message, HttpStatusCode? statusCode, TimeSpan? retryAfter, string? requestId = null, Exception? inner = null)
    : ZuoraApiException(message, statusCode, requestId, inner)
{
    /// <summary>Zuora's Retry-After, if it sent one: the earliest moment a retry may go.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTooManyRequests => StatusCode == HttpStatusCode.TooManyRequests;
}

/// <summary>
/// The configuration is wrong (base URL, credentials, a redirecting endpoint): retrying cannot help, a person must fix
/// it, and nothing stored may change because of it.
/// </summary>
internal class ZuoraConfigurationException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? inner = null)
    : ZuoraApiException(message, statusCode, requestId, inner);

/// <summary>
/// Zuora answered 3xx, which BulkEtl never follows (a redirect could carry credentials elsewhere). Neutral on purpose:
/// the transport cannot tell whose fault it is, so each caller turns it into a configuration error (token endpoint,
/// list) or a record error that costs one job (a per-job read).
/// </summary>
internal sealed class ZuoraRedirectException(string message, HttpStatusCode statusCode, string? requestId = null)
    : ZuoraApiException(message, statusCode, requestId)
{
    /// <summary>An endpoint every run needs redirects: the base URL is wrong.</summary>
    public ZuoraConfigurationException AsConfigurationError() => new(Message, StatusCode, RequestId);

    /// <summary>One job's read redirects: that job is not read, the others are.</summary>
    public ZuoraRecordException AsRecordError() => new(Message, StatusCode, RequestId, inner: this);
}

/// <summary>The credentials were refused: retrying cannot help, the operator must fix the configuration.</summary>
internal sealed class ZuoraAuthenticationException(string message, HttpStatusCode? statusCode = null, string? requestId = null)
    : ZuoraConfigurationException(message, statusCode, requestId);

/// <summary>
/// The tenant's request quota for a window (hour, day) is spent: every further call would only spend more of the quota
/// other integrations share. The night stops at once and the next one resumes.
/// </summary>
internal sealed class ZuoraQuotaExhaustedException(string message, DateTimeOffset resetsAt, string? requestId = null)
    : ZuoraApiException(message, HttpStatusCode.TooManyRequests, requestId)
{
    public DateTimeOffset ResetsAt { get; } = resetsAt;
}

/// <summary>
/// A complete answer that cannot be used: valid JSON of the wrong shape, another job's summary, a body over the size
/// cap. Asking again gives the same answer, so it is not retried and says nothing about Zuora's health.
/// </summary>
internal sealed class ZuoraRecordException(string message, HttpStatusCode? statusCode = null, string? requestId = null,
    string? evidence = null, Exception? inner = null)
    : ZuoraApiException(message, statusCode, requestId, inner)
{
    /// <summary>The answer's text, capped, kept so someone can see what Zuora sent.</summary>
    public string? Evidence { get; } = evidence;
}
