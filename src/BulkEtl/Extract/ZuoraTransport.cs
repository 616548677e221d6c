using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;

namespace BulkEtl.Extract;

/// <summary>
/// Sends one attempt to Zuora with the run's headers and turns every transient fault into a
/// <see cref="TransientZuoraException"/>, which the shared resilience pipeline retries. It reads no more of a body than
/// the size cap, follows no redirect, and once Zuora says the tenant's quota is spent it sends nothing more.
/// </summary>
internal sealed class ZuoraTransport(HttpClient httpClient, ZuoraOptions options, ResiliencePipeline pipeline,
    ZuoraCallMetrics metrics, TimeProvider timeProvider)
{
    private const int ReadChunkBytes = 16 * 1024;

    /// <summary>A day: the most any seconds header (Retry-After, ratelimit-reset) is taken to say.</summary>
    private const long MaxHeaderSeconds = 24 * 60 * 60;

    private static readonly HashSet<HttpStatusCode> TransientStatusCodes =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly SecretMask _secrets = SecretMask.For(options);

    private ZuoraQuotaExhaustedException? _quotaSpent;

    public ZuoraOptions Options => options;

    public ZuoraCallMetrics Metrics => metrics;

    /// <summary>Runs <paramref name="attempt"/> under the pipeline: retries, timeouts, circuit breaker.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(
            static async (state, token) => await state(token),
            attempt,
            cancellationToken);

    /// <summary>
    /// One HTTP exchange. Returns successes and non-transient failures; throws on transient ones, and throws
    /// <see cref="ZuoraRedirectException"/> on a redirect for the caller to judge.
    /// </summary>
    public async Task<ZuoraResponse> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _quotaSpent) is { } spent)
        {
            throw spent;
        }

        AddRunHeaders(request);
        metrics.CountRequest();
        var secrets = _secrets.With(request.Headers.Authorization?.Parameter);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var requestId = response.Headers.TryGetValues("Zuora-Request-Id", out var ids) ? SafeText.ClipOrNull(ids.FirstOrDefault(), 80) : null;
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                throw Redirected(request, response, requestId);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                metrics.CountTooManyRequests();
                if (QuotaSpent(request, response, requestId) is { } quota)
                {
                    Volatile.Write(ref _quotaSpent, quota);
                    throw quota;
                }
            }

            var body = await ReadBoundedAsync(request, response, requestId, cancellationToken);
            if (TransientStatusCodes.Contains(response.StatusCode))
            {
                var reason = ZuoraErrorBody.Describe(body, secrets, requestId);
                throw new TransientZuoraException(
                    $"{Describe(request)} answered HTTP {(int)response.StatusCode}{(reason is null ? "" : $": {reason}")}",
                    response.StatusCode, RetryAfter(response.Headers.RetryAfter), requestId);
            }

            return new ZuoraResponse(response.StatusCode, body, requestId)
            {
                Secrets = secrets,
                WasGzipped = WasGzipped(response.Content),
                EchoedTrackId = response.Headers.TryGetValues("Zuora-Track-Id", out var tracks) ? SafeText.ClipOrNull(tracks.FirstOrDefault(), TrackId.MaxLength) : null,
            };
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection refused or reset, or a body cut off mid-way: the network's fault, worth another try.
            throw new TransientZuoraException($"{Describe(request)} failed: {SafeText.Clip(secrets.Apply(exception.Message))}", exception.StatusCode, null, inner: exception);
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientZuoraException($"{Describe(request)} failed while reading: {SafeText.Clip(secrets.Apply(exception.Message))}", null, null, inner: exception);
        }
    }

    /// <summary>
    /// Automatic decompression removes Content-Encoding from the headers and leaves .NET's GZipDecompressedContent in
    /// its place; a handler without it (a test's) keeps the header. Either way, the answer was gzipped.
    /// </summary>
    private static bool WasGzipped(HttpContent content) =>
        content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase)
        || content.GetType().Name.StartsWith("GZip", StringComparison.Ordinal);

    /// <summary>The method and path only: query strings and headers may carry what must not be logged.</summary>
    public static string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";

    /// <summary>
    /// Reads the (decompressed) body up to the cap while it streams, so a gzip bomb costs one failed call, not the
    /// process's memory. An answer over the cap is the same on every attempt: not retried.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpRequestMessage request, HttpResponseMessage response,
        string? requestId, CancellationToken cancellationToken)
    {
        var limit = options.Resilience.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit && response.Content.Headers.ContentEncoding.Count == 0)
        {
            throw TooLarge(request, response, requestId, limit);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[(int)Math.Min(limit + 1, Math.Max(ReadChunkBytes, response.Content.Headers.ContentLength ?? 0))];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    throw TooLarge(request, response, requestId, limit);
                }

                Array.Resize(ref buffer, (int)Math.Min(limit + 1, (long)buffer.Length * 2));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
        }
    }

    private static ZuoraRecordException TooLarge(HttpRequestMessage request, HttpResponseMessage response, string? requestId, long limit) =>
        new($"{Describe(request)} answered a body larger than {limit:N0} bytes (the cap, --max-response-bytes); it was not read",
            response.StatusCode, requestId);

    private static ZuoraRedirectException Redirected(HttpRequestMessage request, HttpResponseMessage response, string? requestId)
    {
        var location = response.Headers.Location;
        var target = location is null ? "no Location" : location.IsAbsoluteUri ? $"host {SafeText.Clip(location.Host, 100)}" : "a path on the same host";
        return new ZuoraRedirectException(
            $"{Describe(request)} answered HTTP {(int)response.StatusCode} redirecting to {target}; BulkEtl follows no redirect "
            + "(it could carry credentials elsewhere): check the base URL", response.StatusCode, requestId);
    }

    /// <summary>
    /// A 429 with <c>ratelimit-remaining: 0</c> and a reset farther away than any wait BulkEtl would make is the
    /// tenant's hourly or daily quota, not a moment's crowding: retrying would only spend more of it.
    /// </summary>
    private ZuoraQuotaExhaustedException? QuotaSpent(HttpRequestMessage request, HttpResponseMessage response, string? requestId)
    {
        if (FirstInteger(response.Headers, "ratelimit-remaining") != 0
            || FirstInteger(response.Headers, "ratelimit-reset") is not { } resetSeconds
            || TimeSpan.FromSeconds(resetSeconds) <= options.Resilience.MaxRetryAfter)
        {
            return null;
        }

        var resetsAt = timeProvider.GetUtcNow().AddSeconds(resetSeconds);
        return new ZuoraQuotaExhaustedException(
            $"{Describe(request)} answered 429: the tenant's API request quota is spent until about "
            + $"{resetsAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC (ratelimit-reset {resetSeconds} s); "
            + "the run stopped making calls, kept what it fetched, and the next run resumes",
            resetsAt, requestId);
    }

    /// <summary>
    /// The seconds of a header such as <c>ratelimit-reset: 3600</c> or <c>0, 12;w=60</c> (its first whole number), at most a
    /// day: a server may send any number, and no wait BulkEtl makes or reports needs more. Null when unreadable.
    /// </summary>
    private static long? FirstInteger(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values) || values.FirstOrDefault() is not { } value)
        {
            return null;
        }

        var first = value.AsSpan().Trim();
        var length = 0;
        while (length < first.Length && char.IsAsciiDigit(first[length]))
        {
            length++;
        }

        // A number with text glued to it ("12abc", "1e9") is not one this header holds: ignored, not guessed at.
        if (length == 0 || (length < first.Length && first[length] is not (',' or ';' or ' ')))
        {
            return null;
        }

        var digits = first[..length].TrimStart('0');
        return digits.Length > 9 || (digits.Length > 0 && long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) > MaxHeaderSeconds)
            ? MaxHeaderSeconds
            : digits.Length == 0 ? 0 : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private void AddRunHeaders(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Zuora-Track-Id", options.TrackId);
        if (!string.IsNullOrEmpty(options.EntityId))
        {
            request.Headers.TryAddWithoutValidation("Zuora-Entity-Ids", options.EntityId);
        }

        if (options.OrgIds.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Zuora-Org-Ids", string.Join(',', options.OrgIds));
        }

        if (!request.Headers.AcceptEncoding.Any(value => value.Value == "gzip"))
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => Clamp(delta),
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? Clamp(wait) : TimeSpan.Zero,
        _ => null,
    };

    private static TimeSpan Clamp(TimeSpan wait) => wait > TimeSpan.FromSeconds(MaxHeaderSeconds) ? TimeSpan.FromSeconds(MaxHeaderSeconds) : wait;
}
