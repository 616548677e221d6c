using BulkEtl.Model;

namespace BulkEtl.Extract;

/// <summary>
/// One page of the job-summary list: the entries that could be read, the ones that could not (each standing alone),
/// and the cursor of the next page.
/// </summary>
internal sealed record ListPage(IReadOnlyList<JobListEntry> Entries, IReadOnlyList<UnreadableRecord> Unreadable, string? NextCursor)
{
    /// <summary>
    /// The names the list's cursor may go by: our notes say <c>nextPageCursor</c>, Zuora's pagination guide names
    /// <c>next_page</c> for its paginated v1 operations, and the reference shows neither for this endpoint.
    /// </summary>
    public static readonly IReadOnlyList<string> CursorFields = ["nextPageCursor", "next_page"];

    public int Count => Entries.Count + Unreadable.Count;

    /// <summary>The member the cursor was read from; null when the page carried none.</summary>
    public string? CursorField { get; init; }

    /// <summary>
    /// The page's top-level members besides <c>data</c>, <c>success</c> and the known cursor names (as sent, clipped): a
    /// page without a cursor may hold it under one of these.
    /// </summary>
    public IReadOnlyList<string> OtherFields { get; init; } = [];

    /// <summary>
    /// Set by the client on the last page of a listing whose end is not proven (a full page without a cursor but with
    /// members it does not know): why, for the operator. The jobs it did not show must not be taken as deleted.
    /// </summary>
    public string? UnprovenEnd { get; init; }
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
