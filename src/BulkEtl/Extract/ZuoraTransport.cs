using System.Net;
using System.Net.Http.Headers;
using Polly;

namespace BulkEtl.Extract;

/// <summary>
/// Sends one attempt to Zuora with the run's headers and turns every transient fault into a
/// <see cref="TransientZuoraException"/>, which the shared resilience pipeline retries.
/// </summary>
public sealed class ZuoraTransport(HttpClient httpClient, ZuoraOptions options, ResiliencePipeline pipeline,
    ZuoraCallMetrics metrics, TimeProvider timeProvider)
{
    private static readonly HashSet<HttpStatusCode> TransientStatusCodes =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    public ZuoraOptions Options => options;

    public ZuoraCallMetrics Metrics => metrics;

    /// <summary>Runs <paramref name="attempt"/> under the pipeline: retries, timeouts, circuit breaker.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(
            static async (state, token) => await state(token),
            attempt,
            cancellationToken);

    /// <summary>One HTTP exchange. Returns successes and non-transient failures; throws on transient ones.</summary>
    public async Task<ZuoraResponse> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AddRunHeaders(request);
        metrics.CountRequest();
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var requestId = response.Headers.TryGetValues("Zuora-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                metrics.CountTooManyRequests();
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (TransientStatusCodes.Contains(response.StatusCode))
            {
                var reason = ZuoraErrorBody.Describe(body);
                throw new TransientZuoraException(
                    $"{Describe(request)} answered HTTP {(int)response.StatusCode}{(reason is null ? "" : $": {reason}")}",
                    response.StatusCode, RetryAfter(response.Headers.RetryAfter), requestId);
            }

            return new ZuoraResponse(response.StatusCode, body, requestId);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection refused or reset, or a body cut off mid-way: the network's fault, worth another try.
            throw new TransientZuoraException($"{Describe(request)} failed: {exception.Message}", exception.StatusCode, null, inner: exception);
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientZuoraException($"{Describe(request)} failed while reading: {exception.Message}", null, null, inner: exception);
        }
    }

    /// <summary>The method and path only: query strings and headers may carry what must not be logged.</summary>
    public static string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";

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
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
