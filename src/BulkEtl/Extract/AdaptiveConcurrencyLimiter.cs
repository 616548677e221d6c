namespace BulkEtl.Extract;

/// <summary>
/// Bounds the calls in flight and adapts the bound the way TCP does: each concurrency rejection (429) halves it,
/// a full window of successes raises it by one, and it never exceeds the configured maximum. Retrying a 429 blindly
/// at the same concurrency only produces more 429s; shrinking gives the tenant room. Probing again the level that was
/// refused takes ever more successes each time it is refused anew, so rejections thin out instead of recurring.
/// </summary>
internal sealed class AdaptiveConcurrencyLimiter
{
    private const int MaxProbeBackoff = 64;

    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private int _inFlight;
    private int _successesSinceChange;
    private long _generation;
    private int _ceiling = int.MaxValue;
    private int _probeBackoff = 1;

    public AdaptiveConcurrencyLimiter(int maxConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        MaxConcurrency = maxConcurrency;
        CurrentLimit = maxConcurrency;
    }

    public int MaxConcurrency { get; }

    public int CurrentLimit { get; private set; }

    /// <summary>The lowest limit reached during the run: how hard Zuora pushed back.</summary>
    public int LowestLimit { get; private set; } = int.MaxValue;

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Waits for a slot; the lease must be completed with the call's outcome.</summary>
    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource waiter;
            lock (_gate)
            {
                if (_inFlight < CurrentLimit)
                {
                    _inFlight++;
                    return new Lease(this, _generation);
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Enqueue(waiter);
            }

            // A cancelled waiter is marked so, and a wake-up never counts it: its slot goes to a live waiter.
            await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
            {
                await waiter.Task;
            }
        }
    }

    private void Complete(long generation, bool rejectedForConcurrency)
    {
        lock (_gate)
        {
            _inFlight--;
            if (rejectedForConcurrency)
            {
                // Calls started before the last decrease were judged at the old limit: one cut per window, not per reply.
                if (generation == _generation)
                {
                    if (CurrentLimit >= _ceiling)
                    {
                        _probeBackoff = Math.Min(_probeBackoff * 2, MaxProbeBackoff);
                    }

                    _ceiling = CurrentLimit;
                    CurrentLimit = Math.Max(1, CurrentLimit / 2);
                    _generation++;
                    _successesSinceChange = 0;
                }
            }
            else if (CurrentLimit < MaxConcurrency && ++_successesSinceChange >= SuccessesToRaise())
            {
                CurrentLimit++;
                _generation++;
                _successesSinceChange = 0;
            }

            LowestLimit = Math.Min(LowestLimit, CurrentLimit);
            WakeWaiters();
        }
    }

    /// <summary>A full window below the level Zuora refused; many windows, doubling per refusal, to probe it again.</summary>
    private int SuccessesToRaise() => CurrentLimit + 1 >= _ceiling ? CurrentLimit * 4 * _probeBackoff : CurrentLimit;

    private void WakeWaiters()
    {
        var free = CurrentLimit - _inFlight;
        while (free > 0 && _waiters.TryDequeue(out var waiter))
        {
            if (waiter.TrySetResult())
            {
                free--;
            }
        }
    }

    /// <summary>One slot; disposing without <see cref="Reject"/> counts as a call that was not refused.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly AdaptiveConcurrencyLimiter _owner;
        private readonly long _generation;
        private bool _rejected;
        private int _done;

        internal Lease(AdaptiveConcurrencyLimiter owner, long generation)
        {
            _owner = owner;
            _generation = generation;
        }

        /// <summary>Zuora refused this call for concurrency (429).</summary>
        public void Reject() => _rejected = true;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                _owner.Complete(_generation, _rejected);
            }
        }
    }
}
