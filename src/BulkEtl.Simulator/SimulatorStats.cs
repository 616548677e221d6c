namespace BulkEtl.Simulator;

/// <summary>What the simulator served, for tests to assert on. Thread-safe.</summary>
public sealed class SimulatorStats
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private long _tokenRequests;
    private long _listRequests;
    private long _summaryRequests;
    private long _tooManyRequests;
    private long _serverErrors;
    private long _quotaRefusals;
    private int _inFlight;
    private int _maxInFlight;

    public long TotalRequests
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    public long ListRequests => Interlocked.Read(ref _listRequests);

    public long SummaryRequests => Interlocked.Read(ref _summaryRequests);

    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Calls answered 429 because the quota was spent (<see cref="FaultOptions.QuotaExhaustedAfterCalls"/>).</summary>
    public long QuotaRefusals => Interlocked.Read(ref _quotaRefusals);

    /// <summary>The most requests that were ever in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
        }

        Interlocked.Exchange(ref _tokenRequests, 0);
        Interlocked.Exchange(ref _listRequests, 0);
        Interlocked.Exchange(ref _summaryRequests, 0);
        Interlocked.Exchange(ref _tooManyRequests, 0);
        Interlocked.Exchange(ref _serverErrors, 0);
        Interlocked.Exchange(ref _quotaRefusals, 0);
        Volatile.Write(ref _maxInFlight, Volatile.Read(ref _inFlight));
    }

    internal int Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        return now;
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal void CountQuotaRefusal() => Interlocked.Increment(ref _quotaRefusals);

    internal void Record(RecordedRequest request)
    {
        switch (request.Path)
        {
            case TokenEndpoint.Path:
                Interlocked.Increment(ref _tokenRequests);
                break;
            case ListEndpoint.Path:
                Interlocked.Increment(ref _listRequests);
                break;
            default:
                // By id: the summary; /downloads is counted apart, in the requests' paths.
                if (request.JobId is not null && request.Path.EndsWith("/summary", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _summaryRequests);
                }

                break;
        }

        if (request.StatusCode == 429)
        {
            Interlocked.Increment(ref _tooManyRequests);
        }
        else if (request.StatusCode >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }

        lock (_gate)
        {
            _requests.Add(request);
        }
    }
}
