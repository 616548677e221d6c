using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>
/// The two Bulk Data reads BulkEtl needs. Each call is one pipeline execution; each attempt takes a slot of the
/// adaptive limiter, a token, and the run's headers.
/// </summary>
public sealed class ZuoraClient(ZuoraTransport transport, IAccessTokenSource tokens, AdaptiveConcurrencyLimiter limiter)
{
    private const string SummariesPath = "bulk-data/bulk-jobs/summaries";

    public AdaptiveConcurrencyLimiter Limiter => limiter;

    /// <summary>Pages through the list; a page is yielded as soon as it arrives, so memory stays flat.</summary>
    public async IAsyncEnumerable<IReadOnlyList<JobListEntry>> ListPagesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var path = $"{SummariesPath}?limit={transport.Options.PageSize}"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await GetJsonAsync(path, ParsePage, cancellationToken);
            if (page is null || page.Entries.Count == 0)
            {
                yield break;
            }

            yield return page.Entries;
            if (string.IsNullOrEmpty(page.NextCursor))
            {
                yield break;
            }

            if (!seenCursors.Add(page.NextCursor))
            {
                throw new ZuoraApiException("Zuora returned the same list cursor twice; stopping instead of looping");
            }

            cursor = page.NextCursor;
        }
    }

    public async Task<SummaryFetch> GetSummaryAsync(string jobId, CancellationToken cancellationToken)
    {
        // Only a canonical UUID ever reaches a URL path.
        if (!Guid.TryParseExact(jobId, "D", out var id))
        {
            throw new ArgumentException($"'{jobId}' is not a job id (a UUID)", nameof(jobId));
        }

        var summary = await GetJsonAsync($"bulk-data/bulk-jobs/{id:D}/summary", JobSummaryParser.ParseSummary, cancellationToken);
        return new SummaryFetch(jobId, summary);
    }

    /// <summary>GET <paramref name="path"/> and parse it; null when Zuora answers 404.</summary>
    private async Task<T?> GetJsonAsync<T>(string path, Func<JsonElement, T> parse, CancellationToken cancellationToken)
        where T : class
    {
        // A token due for renewal is renewed here, outside any attempt's timeout and without holding a slot.
        await tokens.GetTokenAsync(cancellationToken);
        return await transport.ExecuteAsync(async attemptToken =>
        {
            var response = await SendAuthorizedAsync(path, attemptToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccess)
            {
                throw new ZuoraApiException(
                    $"GET /{path.Split('?')[0]} answered HTTP {(int)response.StatusCode}: {ZuoraErrorBody.Describe(response.Body) ?? "no reason given"}",
                    response.StatusCode, response.RequestId);
            }

            return Parse(path, response, parse);
        }, cancellationToken);
    }

    private async Task<ZuoraResponse> SendAuthorizedAsync(string path, CancellationToken cancellationToken)
    {
        for (var renewed = false; ; renewed = true)
        {
            var token = await tokens.GetTokenAsync(cancellationToken);
            var response = await SendInSlotAsync(path, token, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            if (!tokens.CanRenew || renewed)
            {
                throw new ZuoraAuthenticationException(
                    tokens.CanRenew
                        ? "Zuora refused a freshly issued OAuth token (HTTP 401): check the client's permissions"
                        : "Zuora refused the bearer token (HTTP 401): it is wrong or has expired",
                    response.StatusCode, response.RequestId);
            }

            // An OAuth token may expire or be revoked mid-run: renew it once (the slot is free meanwhile), then retry.
            tokens.Invalidate(token);
        }
    }

    /// <summary>One exchange holding one slot of the limiter, which a concurrency rejection shrinks.</summary>
    private async Task<ZuoraResponse> SendInSlotAsync(string path, string token, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        try
        {
            return await transport.SendOnceAsync(request, cancellationToken);
        }
        catch (TransientZuoraException exception) when (exception.IsTooManyRequests)
        {
            lease.Reject();
            throw;
        }
    }

    private static T Parse<T>(string path, ZuoraResponse response, Func<JsonElement, T> parse)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
            {
                throw new TransientZuoraException(
                    $"GET /{path.Split('?')[0]} answered success=false: {ZuoraErrorBody.Describe(response.Body) ?? "no reason given"}",
                    response.StatusCode, null, response.RequestId);
            }

            return parse(root);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            // A truncated or garbled body is most often a transient fault of the wire or the gateway.
            throw new TransientZuoraException(
                $"GET /{path.Split('?')[0]} answered a body that is not a valid summary: {exception.Message}",
                response.StatusCode, null, response.RequestId, exception);
        }
    }

    private static ListPage ParsePage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the list answer is not a JSON object");
        }

        var entries = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray().Select(JobSummaryParser.ParseListEntry).ToList()
            : [];
        var cursor = root.TryGetProperty("nextPageCursor", out var next) && next.ValueKind == JsonValueKind.String
            ? next.GetString()
            : null;
        return new ListPage(entries, cursor);
    }

    private sealed record ListPage(IReadOnlyList<JobListEntry> Entries, string? NextCursor);
}
