namespace BulkEtl.Run;

/// <summary>
/// What a run would have done, had it written: the jobs it would add and change (with what changed), the ones it would
/// mark deleted, the ones it could not fetch, and the calls it made to find out.
/// </summary>
internal sealed record DryRunResult(
    long Listed,
    IReadOnlyList<string> WouldAdd,
    IReadOnlyList<DryRunChange> WouldChange,
    long Unchanged,
    IReadOnlyList<string> WouldMarkDeleted,
    IReadOnlyList<string> Failed,
    long Requests,
    string? FailureMessage)
{
    public long Fetched => WouldAdd.Count + WouldChange.Count + FetchedUnchanged;

    /// <summary>Fetched by id but equal to the stored job (part of <see cref="Unchanged"/>).</summary>
    public long FetchedUnchanged { get; init; }

    /// <summary>Why the listing's end is not proven, when it is not: the dry run is then partial, as the night would be.</summary>
    public string? ListingUnverified { get; init; }

    public RunOutcome Outcome => FailureMessage is not null ? RunOutcome.Failed
        : Failed.Count > 0 || ListingUnverified is not null ? RunOutcome.Partial
        : RunOutcome.Succeeded;
}

/// <summary>A stored job a run would change, and the fields whose values differ (store names, as in <c>bulk_jobs</c>).</summary>
internal sealed record DryRunChange(string JobId, IReadOnlyList<string> Fields);
