using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using BulkEtl.Model;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Extract;

/// <summary>
/// The two Bulk Data reads BulkEtl needs. Each call is one pipeline execution; each attempt takes a slot of the
/// adaptive limiter, then a token (so a token never ages in the queue), then sends with the run's headers.
/// </summary>
internal sealed partial class ZuoraClient(ZuoraTransport transport, IAccessTokenSource tokens, AdaptiveConcurrencyLimiter limiter,
    TimeProvider timeProvider, ILogger<ZuoraClient> logger)
{
    private const string SummariesPath = "bulk-data/bulk-jobs/summaries";

    /// <summary>How many times one call renews a refused token before it gives up.</summary>
    private const int MaxTokenRenewalsPerCall = 2;

    public AdaptiveConcurrencyLimiter Limiter => limiter;

    public Uri BaseUrl => transport.Options.BaseUrl;

    /// <summary>The entries the first list page asks for.</summary>
    public int PageSize => Math.Clamp(transport.Options.PageSize, 1, ZuoraOptions.MaxPageSize);

    /// <summary>
    /// Pages through the list; a page is yielded as soon as it arrives, so memory stays flat. The listing is complete
    /// when this ends without throwing and its last page has no <see cref="ListPage.UnprovenEnd"/>: Zuora's "not found"
    /// 404 ends it, any other 404 or error fails it. A listing that cannot end fails it too: more pages than
    /// <see cref="ListingBound"/> allows, two pages in a row that bring no new id, or a cursor seen before.
    /// </summary>
    /// <param name="lastCompleteListing">Jobs the store's last complete listing showed, if any: the page bound grows from it.</param>
    public IAsyncEnumerable<ListPage> ListPagesAsync(CancellationToken cancellationToken) => ListPagesAsync(null, cancellationToken);

    /// <inheritdoc cref="ListPagesAsync(CancellationToken)"/>
    /// <param name="lastCompleteListing">Jobs the store's last complete listing showed, if any: the page bound grows from it.</param>
    public async IAsyncEnumerable<ListPage> ListPagesAsync(long? lastCompleteListing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        var pageSize = Math.Clamp(transport.Options.PageSize, 1, ZuoraOptions.MaxPageSize);
        var maxPages = ListingBound.MaxPages(transport.Options.MaxListPages, lastCompleteListing, pageSize);
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        // Hashes, not the ids: a million ids would cost a hundred megabytes, their hashes a few. A collision can only
        // make one page look older than it is, never end a listing on its own.
        var seenIds = new HashSet<int>();
        var pagesWithoutNewId = 0;
        for (var pageNumber = 1; ; pageNumber++)
        {
            if (pageNumber > maxPages)
            {
                throw new ZuoraApiException(
                    $"the list went on past {maxPages:N0} pages ({ListingBound.Describe(transport.Options.MaxListPages, lastCompleteListing)}); "
                    + "stopping instead of paging forever: the listing is incomplete and no job was marked deleted");
            }

            var path = $"{SummariesPath}?limit={pageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var (page, refusal) = await transport.ExecuteAsync(async attemptToken =>
            {
                var response = await SendAuthorizedAsync(path, ListRedirected, attemptToken);
                return response.IsSuccess ? (ReadPage(response), null) : ((ListPage?)null, response);
            }, cancellationToken);

            if (refusal is not null)
            {
                if (refusal.StatusCode == HttpStatusCode.NotFound && IsEmptyList(refusal))
                {
                    yield break;
                }

                if (refusal.StatusCode == HttpStatusCode.BadRequest && pageSize > 1 && NamesThePageSize(refusal))
                {
                    pageSize = Math.Max(1, pageSize / 2);
                    // Half the entries a page: twice the pages for the same tenant.
                    maxPages = (int)Math.Min(int.MaxValue, maxPages * 2L);
                    LogSmallerPages(logger, pageSize, refusal.Reason ?? "no reason given");
                    pageNumber--;
                    continue;
                }

                throw ListRefused(refusal, pageNumber);
            }

            var (readable, brings) = (0, 0);
            foreach (var id in page!.Entries.Select(entry => entry.Id).Concat(page.Unreadable.Select(entry => entry.JobId).OfType<string>()))
            {
                readable++;
                brings += seenIds.Add(StringComparer.Ordinal.GetHashCode(id)) ? 1 : 0;
            }

            pagesWithoutNewId = readable > 0 && brings == 0 ? pagesWithoutNewId + 1 : 0;
            if (pagesWithoutNewId >= 2)
            {
                throw new ZuoraApiException(
                    $"list pages {pageNumber - 1} and {pageNumber} brought no job the listing had not shown already, each with a new cursor; "
                    + "stopping instead of paging forever: the listing is incomplete and no job was marked deleted");
            }

            if (page.Count > 0 && string.IsNullOrEmpty(page.NextCursor) && page.Count >= pageSize && page.OtherFields.Count > 0)
            {
                // A full page that names no cursor may hold it under a name we do not know: the list may go on.
                yield return page with { UnprovenEnd = UnprovenEnd(page, pageNumber) };
                yield break;
            }

            yield return page;
            if (page.Count == 0 || string.IsNullOrEmpty(page.NextCursor))
            {
                yield break;
            }

            if (!seenCursors.Add(page.NextCursor))
            {
                throw new ZuoraApiException(
                    $"list page {pageNumber} handed out a cursor an earlier page had already given (a cycle); stopping instead of looping: "
                    + "the listing is incomplete and no job was marked deleted");
            }

            cursor = page.NextCursor;
        }
    }

    private static string UnprovenEnd(ListPage page, int pageNumber) =>
        $"list page {pageNumber} held {page.Count} entries, as many as asked, but no cursor under {string.Join(" or ", ListPage.CursorFields)}, "
        + $"and it carried other top-level fields ({string.Join(", ", page.OtherFields.Take(10))}): its cursor may go by a name BulkEtl does not "
        + "know, so the listing could not be verified and no job was marked deleted; please report these field names";

    /// <summary>
    /// For <c>bulk-etl check</c>: the first list page, read-only, with what its answer's headers said. Refusals throw as
    /// <see cref="ListPagesAsync"/> would.
    /// </summary>
    public async Task<ZuoraProbe> ProbeAsync(CancellationToken cancellationToken)
    {
        var path = $"{SummariesPath}?limit={Math.Clamp(transport.Options.PageSize, 1, ZuoraOptions.MaxPageSize)}";
        var response = await transport.ExecuteAsync(attemptToken => SendAuthorizedAsync(path, ListRedirected, attemptToken), cancellationToken);
        var page = response.StatusCode == HttpStatusCode.NotFound && IsEmptyList(response) ? new ListPage([], [], null)
            : response.IsSuccess ? ReadPage(response)
            : throw ListRefused(response, 1);
        return new ZuoraProbe(page, response.WasGzipped, response.EchoedTrackId);
    }

    /// <summary>
    /// One job's summary, or null in <see cref="SummaryFetch.Summary"/> when Zuora answers 404. A summary that is not
    /// this job's, or that cannot be mapped, throws <see cref="ZuoraRecordException"/>: not retried, stored nowhere.
    /// </summary>
    public async Task<SummaryFetch> GetSummaryAsync(string jobId, CancellationToken cancellationToken) =>
        new(jobId, await GetJobResourceAsync(jobId, "summary", response => ReadSummary(jobId, response), cancellationToken));

    /// <summary>
    /// One per-job read, <c>GET /bulk-data/bulk-jobs/{jobId}/{resource}</c>: null when Zuora answers 404, any other
    /// refusal a <see cref="ZuoraApiException"/>, a success what <paramref name="read"/> makes of it.
    /// </summary>
    private async Task<T?> GetJobResourceAsync<T>(string jobId, string resource, Func<ZuoraResponse, T> read,
        CancellationToken cancellationToken) where T : class
    {
        // Only an id of URL-safe characters ever reaches a URL path: nothing else can walk to another endpoint.
        if (!JobId.IsValid(jobId))
        {
            throw new ArgumentException($"'{SafeText.Clip(jobId, JobId.MaxLength)}' is not a job id (1 to {JobId.MaxLength} letters, digits, '-' or '_')", nameof(jobId));
        }

        var path = JobPath(jobId, resource);
        return await transport.ExecuteAsync(async attemptToken =>
        {
            var response = await SendAuthorizedAsync(path, JobReadRedirected, attemptToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccess)
            {
                throw new ZuoraApiException(
                    $"GET /{path} answered HTTP {(int)response.StatusCode}: {response.Reason ?? "no reason given"}",
                    response.StatusCode, response.RequestId);
            }

            return read(response);
        }, cancellationToken);
    }

    private static string JobPath(string jobId, string resource) => $"bulk-data/bulk-jobs/{jobId}/{resource}";

    /// <summary>A redirecting list is the configuration's fault: no job can be read.</summary>
    private static ZuoraApiException ListRedirected(ZuoraRedirectException redirect) => redirect.AsConfigurationError();

    /// <summary>One per-job read that redirects costs that job only.</summary>
    private static ZuoraApiException JobReadRedirected(ZuoraRedirectException redirect) => redirect.AsRecordError();

    private async Task<ZuoraResponse> SendAuthorizedAsync(string path, Func<ZuoraRedirectException, ZuoraApiException> redirected,
        CancellationToken cancellationToken)
    {
        for (var renewals = 0; ; renewals++)
        {
            var (response, token, answeredAt) = await SendInSlotAsync(path, redirected, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            if (!tokens.CanRenew)
            {
                throw new ZuoraAuthenticationException("Zuora refused the bearer token (HTTP 401): it is wrong or has expired",
                    response.StatusCode, response.RequestId);
            }

            // A renewed token refused while it was valid for the whole exchange says the client lacks a permission; one
            // that may have expired on its way (a slow answer, a clock that drifts) is worth renewing again.
            if (renewals > 0 && token.WasValidAt(answeredAt))
            {
                throw new ZuoraAuthenticationException(
                    "Zuora refused a freshly issued OAuth token within its lifetime (HTTP 401): check the client's permissions",
                    response.StatusCode, response.RequestId);
            }

            if (renewals >= MaxTokenRenewalsPerCall)
            {
                throw new ZuoraAuthenticationException(
                    $"Zuora refused {renewals + 1} OAuth tokens in a row for one call (HTTP 401), each past its stated lifetime: "
                    + "the token endpoint issues tokens that expire at once; check the client and the tenant",
                    response.StatusCode, response.RequestId);
            }

            // An OAuth token may expire or be revoked mid-run: renew it (outside the slot), then retry.
            tokens.Invalidate(token);
        }
    }

    /// <summary>One exchange holding one slot of the limiter, which a concurrency rejection shrinks.</summary>
    private async Task<(ZuoraResponse Response, AccessToken Token, DateTimeOffset AnsweredAt)> SendInSlotAsync(string path,
        Func<ZuoraRedirectException, ZuoraApiException> redirected, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(cancellationToken);
        var token = await tokens.GetTokenAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token.Value);
        try
        {
            var response = await transport.SendOnceAsync(request, cancellationToken);
            return (response, token, timeProvider.GetUtcNow());
        }
        catch (TransientZuoraException exception) when (exception.IsTooManyRequests)
        {
            lease.Reject();
            throw;
        }
        catch (ZuoraRedirectException redirect)
        {
            // The transport cannot tell whose fault a redirect is; the caller said.
            throw redirected(redirect);
        }
    }

    private static ListPage ReadPage(ZuoraResponse response)
    {
        try
        {
            return ListPageReader.Read(response.Body, () => NotSuccess(SummariesPath, response))
                ?? throw Transient(SummariesPath, response, "a body that is cut off or not JSON");
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or DecoderFallbackException)
        {
            throw new ZuoraRecordException($"GET /{SummariesPath} answered {SafeText.Clip(response.Secrets.Apply(exception.Message))}", response.StatusCode, response.RequestId,
                Evidence(response));
        }
    }

    private static JobSummary ReadSummary(string jobId, ZuoraResponse response)
    {
        var path = JobPath(jobId, "summary");
        JobSummary summary;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            ThrowIfNotSuccess(path, response, document.RootElement);
            summary = JobSummaryParser.ParseSummary(document.RootElement);
        }
        catch (JsonException exception) when (JsonSlices.TopLevelMembers(response.Body.Span) is null)
        {
            // Cut off, or not JSON at all (a gateway's HTML page): most often the wire's or the gateway's passing fault.
            throw Transient(path, response, "a body that is cut off or not JSON", exception);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or DecoderFallbackException)
        {
            // A complete answer that cannot be mapped is the same on every attempt: named, not retried.
            throw new ZuoraRecordException($"GET /{path} answered a summary that cannot be read: {SafeText.Clip(exception.Message)}",
                response.StatusCode, response.RequestId, Evidence(response), exception);
        }

        if (!string.Equals(summary.Id, jobId, StringComparison.OrdinalIgnoreCase))
        {
            throw new ZuoraRecordException(
                $"GET /{path} answered the summary of another job ({SafeText.Clip(summary.Id, JobId.MaxLength)}); it was not stored",
                response.StatusCode, response.RequestId, Evidence(response));
        }

        // Keyed as the list and the request named it, so one job never becomes two rows.
        return summary.Id == jobId ? summary : summary with { Id = jobId };
    }

    /// <summary>
    /// HTTP 200 can still carry <c>"success": false</c>; Zuora uses it for passing faults. Checked on the document the
    /// reader already parsed; a body that does not parse is judged by the reader alone.
    /// </summary>
    private static void ThrowIfNotSuccess(string path, ZuoraResponse response, JsonElement root)
    {
        if (ZuoraErrorBody.SaysNotSuccess(root))
        {
            throw NotSuccess(path, response);
        }
    }

    private static TransientZuoraException NotSuccess(string path, ZuoraResponse response) =>
        Transient(path, response, $"success=false: {response.Reason ?? "no reason given"}");

    private static TransientZuoraException Transient(string path, ZuoraResponse response, string what, Exception? inner = null) =>
        new($"GET /{path} answered {what}", response.StatusCode, null, response.RequestId, inner);

    /// <summary>
    /// Zuora's answer for an empty result: its error envelope with a code of category 40 ("not found"). The words "job
    /// summar" count only in an envelope that carries no code. Any other 404 (a gateway's page, HTML, JSON of another
    /// shape) means the URL does not reach the Bulk Data API.
    /// </summary>
    private static bool IsEmptyList(ZuoraResponse response) =>
        response.Error is { IsZuoraShape: true } error
        && (error.HasCategory(ZuoraErrorCategory.NotFound)
            || (error.Codes.Count == 0 && error.Message?.Contains("job summar", StringComparison.OrdinalIgnoreCase) == true));

    private static bool NamesThePageSize(ZuoraResponse response) =>
        response.Error?.Message is { } reason
        && (reason.Contains("limit", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("page size", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("pageSize", StringComparison.OrdinalIgnoreCase));

    private ZuoraApiException ListRefused(ZuoraResponse response, int pageNumber)
    {
        var reason = response.Reason is { } text ? $": {text}" : "";
        if (response.StatusCode == HttpStatusCode.NotFound && pageNumber == 1)
        {
            return new ZuoraConfigurationException(
                $"{BaseUrl} does not answer like Zuora's Bulk Data API (HTTP 404 from GET /{SummariesPath}{reason}); "
                + "give the tenant's REST base URL with no path suffix such as /v1, and check the region and any proxy; nothing was changed",
                response.StatusCode, response.RequestId);
        }

        return new ZuoraApiException(
            $"GET /{SummariesPath} answered HTTP {(int)response.StatusCode} for page {pageNumber}{reason}: the listing is incomplete",
            response.StatusCode, response.RequestId);
    }

    private static string Evidence(ZuoraResponse response) =>
        SafeText.Clip(response.Secrets.Apply(Encoding.UTF8.GetString(response.Body.Span[..Math.Min(response.Body.Length, UnreadableRecord.MaxEvidenceLength * 4)])),
            UnreadableRecord.MaxEvidenceLength);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zuora refused the list page size; asking for {PageSize} per page: {Reason}")]
    private static partial void LogSmallerPages(ILogger logger, int pageSize, string reason);
}
