namespace BulkEtl.Extract;

/// <summary>Counts of one run's calls, kept for the run ledger and the closing log line. Thread-safe.</summary>
internal sealed class ZuoraCallMetrics
{
    private long _requests;
    private long _retries;
    private long _tooManyRequests;

    public long Requests => Interlocked.Read(ref _requests);

    public long Retries => Interlocked.Read(ref _retries);

    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountRetry() => Interlocked.Increment(ref _retries);

    internal void CountTooManyRequests() => Interlocked.Increment(ref _tooManyRequests);
}
