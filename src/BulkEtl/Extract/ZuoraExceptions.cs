using System.Net;

namespace BulkEtl.Extract;

/// <summary>Zuora answered, but not with what was asked. Messages never carry secrets.</summary>
public class ZuoraApiException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>Zuora-Request-Id, the id to quote to Zuora support.</summary>
    public string? RequestId { get; } = requestId;
}

/// <summary>A fault worth retrying: 408, 429, 5xx, or a body that was cut off or is not JSON.</summary>
public sealed class TransientZuoraException(string message, HttpStatusCode? statusCode, TimeSpan? retryAfter, string? requestId = null, Exception? inner = null)
    : ZuoraApiException(message, statusCode, requestId, inner)
{
    /// <summary>Zuora's Retry-After, if it sent one: the earliest moment a retry may go.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTooManyRequests => StatusCode == HttpStatusCode.TooManyRequests;
}

/// <summary>The credentials were refused: retrying cannot help, the operator must fix the configuration.</summary>
public sealed class ZuoraAuthenticationException(string message, HttpStatusCode? statusCode = null, string? requestId = null)
    : ZuoraApiException(message, statusCode, requestId);
