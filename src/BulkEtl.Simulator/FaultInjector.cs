namespace BulkEtl.Simulator;

/// <summary>Draws the faults of one request from the current <see cref="FaultOptions"/>, in a fixed order.</summary>
internal sealed class FaultInjector(FaultOptions options)
{
    private readonly Lock _gate = new();
    private readonly Random _random = options.Seed is { } seed ? new Random(seed) : new Random();
    private int _burstLeft = options.ServerErrorBurst;
    private int _listPagesServed;
    private int _listPagesAnswered;
    private int _dataCalls;

    public FaultOptions Options { get; } = options;

    /// <summary>Data calls (all but the token's) seen under these faults, for the spent quota.</summary>
    public int DataCalls => Volatile.Read(ref _dataCalls);

    public int CountDataCall() => Interlocked.Increment(ref _dataCalls);

    /// <summary>Counts a list call that would answer a page; returns its 1-based number.</summary>
    public int CountListPage() => Interlocked.Increment(ref _listPagesAnswered);

    public Fault Draw(bool isListPage)
    {
        lock (_gate)
        {
            if (_burstLeft > 0)
            {
                _burstLeft--;
                return Fault.ServiceUnavailable;
            }

            if (isListPage && Options.FailListPagesAfter >= 0 && _listPagesServed >= Options.FailListPagesAfter)
            {
                return Fault.InternalError;
            }

            // Every draw is taken even when its rate is 0, so one seed gives the same sequence whatever the mix.
            var error = _random.NextDouble();
            var errorKind = _random.Next(2);
            var rateLimit = _random.NextDouble();
            var hang = _random.NextDouble();
            var truncate = _random.NextDouble();
            var malformed = _random.NextDouble();
            var fault = error < Options.ServerErrorRate ? (errorKind == 0 ? Fault.InternalError : Fault.ServiceUnavailable)
                : rateLimit < Options.RateLimitRate ? Fault.RateLimited
                : hang < Options.HangRate ? Fault.Hang
                : truncate < Options.TruncateRate ? Fault.Truncate
                : malformed < Options.MalformedRate ? Fault.Malformed
                : Fault.None;
            if (isListPage && fault is Fault.None or Fault.Hang)
            {
                _listPagesServed++;
            }

            return fault;
        }
    }
}

internal enum Fault
{
    None,
    InternalError,
    ServiceUnavailable,
    RateLimited,
    Hang,
    Truncate,
    Malformed,
}
