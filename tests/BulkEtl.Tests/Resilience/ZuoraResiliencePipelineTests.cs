using System.Net;
using BulkEtl.Extract;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Resilience;

public sealed class ZuoraResiliencePipelineTests
{
    private static readonly ZuoraResilienceOptions Fast = new()
    {
        MaxRetryAttempts = 0,
        BreakerMinimumThroughput = 5,
        BreakerFailureRatio = 0.5,
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        BreakerBreakDuration = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void Create_Defaults_ComposesTotalTimeoutRetryBreakerAttemptTimeoutInThatOrder()
    {
        var pipeline = ZuoraResiliencePipeline.Create(new ZuoraResilienceOptions(), TimeProvider.System, new ZuoraCallMetrics(), NullLogger.Instance);

        var strategies = pipeline.GetPipelineDescriptor().Strategies;

        Assert.Collection(strategies,
            strategy => Assert.Equal(TimeSpan.FromMinutes(10), Assert.IsType<TimeoutStrategyOptions>(strategy.Options).Timeout),
            strategy => Assert.Equal(4, Assert.IsType<RetryStrategyOptions>(strategy.Options).MaxRetryAttempts),
            strategy => Assert.IsType<CircuitBreakerStrategyOptions>(strategy.Options),
            strategy => Assert.Equal(TimeSpan.FromSeconds(130), Assert.IsType<TimeoutStrategyOptions>(strategy.Options).Timeout));
    }

    [Fact]
    public async Task ExecuteAsync_ServerKeepsFailing_OpensTheCircuitAndStopsCalling()
    {
        var pipeline = ZuoraResiliencePipeline.Create(Fast, TimeProvider.System, new ZuoraCallMetrics(), NullLogger.Instance);
        var calls = 0;

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<TransientZuoraException>(() => pipeline.ExecuteAsync(_ =>
            {
                calls++;
                throw new TransientZuoraException("boom", HttpStatusCode.ServiceUnavailable, null);
            }).AsTask());
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => pipeline.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        }).AsTask());
        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task ExecuteAsync_ManyTooManyRequests_DoNotOpenTheCircuit()
    {
        var pipeline = ZuoraResiliencePipeline.Create(Fast, TimeProvider.System, new ZuoraCallMetrics(), NullLogger.Instance);

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<TransientZuoraException>(() => pipeline.ExecuteAsync(_ =>
                throw new TransientZuoraException("slow down", HttpStatusCode.TooManyRequests, TimeSpan.Zero)).AsTask());
        }

        var answered = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(true));
        Assert.True(answered);
    }

    [Fact]
    public async Task ExecuteAsync_TransientThenSuccess_RetriesAndCountsTheRetry()
    {
        var metrics = new ZuoraCallMetrics();
        var options = new ZuoraResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryAttempts = 3 };
        var pipeline = ZuoraResiliencePipeline.Create(options, TimeProvider.System, metrics, NullLogger.Instance);
        var attempts = 0;

        var result = await pipeline.ExecuteAsync(_ => ++attempts < 3
            ? throw new TransientZuoraException("blip", HttpStatusCode.BadGateway, null)
            : ValueTask.FromResult(attempts));

        Assert.Equal(3, result);
        Assert.Equal(2, metrics.Retries);
    }

    [Fact]
    public async Task ExecuteAsync_NonTransientError_IsNotRetried()
    {
        var options = new ZuoraResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(1) };
        var pipeline = ZuoraResiliencePipeline.Create(options, TimeProvider.System, new ZuoraCallMetrics(), NullLogger.Instance);
        var attempts = 0;

        await Assert.ThrowsAsync<ZuoraApiException>(() => pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new ZuoraApiException("bad request", HttpStatusCode.BadRequest);
        }).AsTask());

        Assert.Equal(1, attempts);
    }
    [Theory]
    [InlineData(30, 30)]
    [InlineData(600, 120)]
    public async Task ExecuteAsync_RetryAfter_RetriesOnlyOnceTheClockHasMovedThatLongCappedAtMaxRetryAfter(int retryAfterSeconds, int waitSeconds)
    {
        var clock = new FakeTimeProvider();
        var options = new ZuoraResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryAttempts = 1, MaxRetryAfter = TimeSpan.FromSeconds(120) };
        var pipeline = ZuoraResiliencePipeline.Create(options, clock, new ZuoraCallMetrics(), NullLogger.Instance);
        var attempts = 0;
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = pipeline.ExecuteAsync(_ =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new TransientZuoraException("busy", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(retryAfterSeconds));
            }

            retried.TrySetResult();
            return ValueTask.FromResult(attempts);
        }).AsTask();
        clock.Advance(TimeSpan.FromSeconds(waitSeconds) - TimeSpan.FromMilliseconds(1));
        // The retry would run on another thread once its timer fired: give it a moment of real time to show up.
        var retriedEarly = await Task.WhenAny(retried.Task, Task.Delay(TimeSpan.FromMilliseconds(100))) == retried.Task;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(retriedEarly, "the retry went before Retry-After had passed");
        Assert.Equal(2, await run.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
