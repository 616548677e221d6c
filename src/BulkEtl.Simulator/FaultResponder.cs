using System.Globalization;

namespace BulkEtl.Simulator;

/// <summary>
/// Answers the faults that stand in for Zuora's answer (spent quota, concurrency limit, 500, 503, 429) and the ones
/// that only hold it back (latency, hangs, slow ids). Delays run on the options' clock and end with the request.
/// </summary>
internal sealed class FaultResponder(SimulatorOptions options, SimulatorStats stats)
{
    private const string RateLimitLimit = "2250000, 50000;w=60";

    /// <summary>429 with the quota's reset once the tenant's quota is spent; true when the request is done.</summary>
    public async Task<bool> TryRefuseSpentQuotaAsync(HttpContext context, Endpoint endpoint, FaultInjector injector)
    {
        var faults = injector.Options;
        var dataCalls = endpoint == Endpoint.Token ? injector.DataCalls : injector.CountDataCall();
        if (faults.QuotaExhaustedAfterCalls is not { } quota || (endpoint == Endpoint.Token ? dataCalls < quota : dataCalls <= quota))
        {
            return false;
        }

        stats.CountQuotaRefusal();
        var reset = faults.QuotaResetSeconds.ToString(CultureInfo.InvariantCulture);
        var headers = context.Response.Headers;
        headers.RetryAfter = reset;
        headers["ratelimit-limit"] = RateLimitLimit;
        headers["ratelimit-remaining"] = "0";
        headers["ratelimit-reset"] = reset;
        await ResponseWriter.WriteAsync(context,
            SimulatorAnswer.Error(429, ZuoraErrors.ConcurrencyLimit, "API request limit exceeded for the tenant", faults));
        return true;
    }

    /// <summary>429 with category 70 and Retry-After when more calls are in flight than the limit; true when done.</summary>
    public async Task<bool> TryRefuseOverConcurrencyAsync(HttpContext context, int inFlight, FaultOptions faults)
    {
        if (faults.ConcurrencyLimit is not { } limit || inFlight <= limit)
        {
            return false;
        }

        context.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ResponseWriter.WriteAsync(context,
            SimulatorAnswer.Error(429, ZuoraErrors.ConcurrencyLimit, "Concurrent request limit exceeded", faults));
        return true;
    }

    /// <summary>Answers the drawn fault when it replaces the real answer (true), or holds the call back for a hang.</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, Fault fault, FaultOptions faults)
    {
        var retryAfter = faults.RetryAfterAsDate
            ? options.TimeProvider.GetUtcNow().AddSeconds(faults.RetryAfterSeconds).ToString("R", CultureInfo.InvariantCulture)
            : faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var headers = context.Response.Headers;
        switch (fault)
        {
            case Fault.InternalError:
                await ZuoraErrors.WriteAsync(context, 500, ZuoraErrors.Internal, "Internal server error", faults);
                return true;
            case Fault.ServiceUnavailable:
                headers.RetryAfter = retryAfter;
                await ZuoraErrors.WriteAsync(context, 503, ZuoraErrors.Temporary, "Service temporarily unavailable", faults);
                return true;
            case Fault.RateLimited:
                headers.RetryAfter = retryAfter;
                headers["ratelimit-limit"] = RateLimitLimit;
                headers["ratelimit-remaining"] = "0";
                headers["ratelimit-reset"] = retryAfter;
                await ZuoraErrors.WriteAsync(context, 429, ZuoraErrors.ConcurrencyLimit, "Too many requests", faults);
                return true;
            case Fault.Hang:
                await DelayAsync(faults.HangDuration, context);
                return false;
            default:
                return false;
        }
    }

    /// <summary>The latency every faultable call takes.</summary>
    public Task DelayLatencyAsync(HttpContext context, FaultOptions faults) => DelayAsync(faults.Latency, context);

    /// <summary>Holds a summary of <see cref="FaultOptions.SlowIds"/> back for <see cref="FaultOptions.HangDuration"/>.</summary>
    public Task DelaySlowSummaryAsync(HttpContext context, string? jobId, FaultOptions faults) =>
        jobId is not null && faults.SlowIds.Contains(jobId) ? DelayAsync(faults.HangDuration, context) : Task.CompletedTask;

    private Task DelayAsync(TimeSpan duration, HttpContext context) =>
        duration > TimeSpan.Zero ? Task.Delay(duration, options.TimeProvider, context.RequestAborted) : Task.CompletedTask;
}
