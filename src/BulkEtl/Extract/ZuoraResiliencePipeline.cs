using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BulkEtl.Extract;

/// <summary>
/// The one pipeline every Zuora call runs through, outermost first: a total budget per call, retries with
/// exponential backoff and jitter (never sooner than Retry-After), a circuit breaker shared by the whole run so a
/// dead service ends it quickly, and a timeout per attempt.
/// </summary>
internal static partial class ZuoraResiliencePipeline
{
    public static ResiliencePipeline Create(ZuoraResilienceOptions options, TimeProvider timeProvider,
        ZuoraCallMetrics metrics, ILogger logger)
    {
        var transient = new PredicateBuilder()
            .Handle<TransientZuoraException>()
            .Handle<TimeoutRejectedException>();

        var builder = new ResiliencePipelineBuilder { Name = "zuora", TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(
                    // A Retry-After of 0 (or none) falls back to the jittered backoff: an immediate retry would collide again.
                    args.Outcome.Exception is TransientZuoraException { RetryAfter: { } retryAfter } && retryAfter > TimeSpan.Zero
                        ? (TimeSpan?)(retryAfter < options.MaxRetryAfter ? retryAfter : options.MaxRetryAfter)
                        : null),
                OnRetry = args =>
                {
                    metrics.CountRetry();
                    LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds,
                        args.Outcome.Exception?.Message ?? "no answer");
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // 429 is Zuora asking us to slow down, which the limiter does; it says nothing about Zuora's health.
                ShouldHandle = new PredicateBuilder()
                    .Handle<TransientZuoraException>(exception => !exception.IsTooManyRequests)
                    .Handle<TimeoutRejectedException>(),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zuora call failed, retry {Attempt} in {DelaySeconds:0.0} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delaySeconds, string reason);
}
