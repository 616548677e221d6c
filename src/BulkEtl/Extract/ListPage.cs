using BulkEtl.Model;

namespace BulkEtl.Extract;

/// <summary>
/// One page of the job-summary list: the entries that could be read, the ones that could not (each standing alone),
/// and the cursor of the next page.
/// </summary>
internal sealed record ListPage(IReadOnlyList<JobListEntry> Entries, IReadOnlyList<UnreadableRecord> Unreadable, string? NextCursor)
{
    public int Count => Entries.Count + Unreadable.Count;
}

/// <summary>
/// A record Zuora sent that BulkEtl cannot map: why, its text (capped, control characters removed) as evidence, and
/// the job id when one could still be read from it.
/// </summary>
internal sealed record UnreadableRecord(string? JobId, string Reason, string Evidence)
{
    /// <summary>The most of a record's text kept as evidence.</summary>
    public const int MaxEvidenceLength = 2000;
}
