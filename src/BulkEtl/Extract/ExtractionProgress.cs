namespace BulkEtl.Extract;

/// <summary>Counts the list side of a run while it streams. Thread-safe.</summary>
public sealed class ExtractionProgress
{
    private long _listed;

    public long Listed => Interlocked.Read(ref _listed);

    /// <summary>Set when a list page failed after its retries: the run must end as failed.</summary>
    public Exception? ListFailure { get; set; }

    internal void AddListed(int count) => Interlocked.Add(ref _listed, count);
}
