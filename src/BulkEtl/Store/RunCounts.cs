namespace BulkEtl.Store;

/// <summary>
/// A run's numbers as the ledger keeps them (<c>etl_runs</c>) and the closing summary prints them. The jobs' side grows
/// with every committed batch; the calls' side is read from the client's metrics.
/// </summary>
internal sealed record RunCounts(
    long Listed,
    long Fetched,
    long New,
    long Changed,
    long Unchanged,
    long NotFound,
    long Failed,
    long Requests,
    long Retries,
    long TooManyRequests)
{
    public static RunCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Adds what one committed batch wrote.</summary>
    public RunCounts Add(BatchCounts batch) => this with
    {
        Fetched = Fetched + batch.Fetched,
        New = New + batch.New,
        Changed = Changed + batch.Changed,
        NotFound = NotFound + batch.NotFound,
        Failed = Failed + batch.Failed,
    };
}

/// <summary>What one committed batch added to a run's counts; written in the batch's own transaction.</summary>
internal sealed record BatchCounts(long Fetched, long New, long Changed, long NotFound, long Failed);
