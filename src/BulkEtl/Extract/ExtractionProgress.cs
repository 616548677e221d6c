namespace BulkEtl.Extract;

/// <summary>Counts the list side of a run while it streams. Thread-safe.</summary>
internal sealed class ExtractionProgress
{
    private long _listed;
    private volatile bool _listingComplete;

    public long Listed => Interlocked.Read(ref _listed);

    /// <summary>Set when a list page failed after its retries: the run must end as failed.</summary>
    public Exception? ListFailure { get; set; }

    /// <summary>
    /// True once every page was read and the jobs missing from it were queued: only then may a job the listing did not
    /// show be taken as deleted.
    /// </summary>
    public bool ListingComplete => _listingComplete;

    /// <summary>
    /// Set when every page was read but the last one did not prove the end of the list (see
    /// <see cref="ListPage.UnprovenEnd"/>): why. The night is then partial and marks nothing deleted.
    /// </summary>
    public string? ListingUnverified { get; set; }

    /// <summary>Called on the listing's own thread after each page is counted; must not block.</summary>
    public Action? PageListed { get; set; }

    internal void AddListed(int count)
    {
        Interlocked.Add(ref _listed, count);
        PageListed?.Invoke();
    }

    internal void CompleteListing() => _listingComplete = true;
}
