using BulkEtl.Extract;

namespace BulkEtl.Tests.Extract;

public sealed class AdaptiveConcurrencyLimiterTests
{
    [Fact]
    public async Task AcquireAsync_AtLimit_WaitsForARelease()
    {
        var limiter = new AdaptiveConcurrencyLimiter(2);
        using var first = await limiter.AcquireAsync(CancellationToken.None);
        var second = await limiter.AcquireAsync(CancellationToken.None);

        var third = limiter.AcquireAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        second.Dispose();
        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, limiter.InFlight);
    }

    [Fact]
    public async Task Reject_ConcurrencyRejection_HalvesTheLimitOncePerWindow()
    {
        var limiter = new AdaptiveConcurrencyLimiter(8);
        var leases = new List<AdaptiveConcurrencyLimiter.Lease>();
        for (var i = 0; i < 8; i++)
        {
            leases.Add(await limiter.AcquireAsync(CancellationToken.None));
        }

        // Eight calls judged at the same limit all refused: one cut, not eight.
        foreach (var lease in leases)
        {
            lease.Reject();
            lease.Dispose();
        }

        Assert.Equal(4, limiter.CurrentLimit);
    }

    [Fact]
    public async Task Dispose_AfterAWindowOfSuccesses_RaisesTheLimitByOneUpToTheMaximum()
    {
        var limiter = new AdaptiveConcurrencyLimiter(4);
        var rejected = await limiter.AcquireAsync(CancellationToken.None);
        rejected.Reject();
        rejected.Dispose();
        Assert.Equal(2, limiter.CurrentLimit);

        for (var i = 0; i < 2; i++)
        {
            (await limiter.AcquireAsync(CancellationToken.None)).Dispose();
        }

        Assert.Equal(3, limiter.CurrentLimit);
        for (var i = 0; i < 100; i++)
        {
            (await limiter.AcquireAsync(CancellationToken.None)).Dispose();
        }

        Assert.Equal(4, limiter.CurrentLimit);
        Assert.Equal(2, limiter.LowestLimit);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_ThrowsAndKeepsTheSlotCount()
    {
        var limiter = new AdaptiveConcurrencyLimiter(1);
        using var held = await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(cancel.Token).AsTask());
        Assert.Equal(1, limiter.InFlight);
    }

    [Fact]
    public async Task Dispose_WhenAQueuedWaiterWasCancelled_TheSlotGoesToTheLiveWaiter()
    {
        var limiter = new AdaptiveConcurrencyLimiter(1);
        var held = await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(cancel.Token).AsTask();
        var live = limiter.AcquireAsync(CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        held.Dispose();

        using var granted = await live.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, limiter.InFlight);
    }
}
