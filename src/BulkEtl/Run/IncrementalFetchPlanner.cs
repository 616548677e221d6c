using BulkEtl.Extract;
using BulkEtl.Model;
using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>
/// Fetches a job by id only when it is new, when its list entry (status, counts, lastUpdatedAt) differs from the
/// stored state, or when it is stored unfinished and the listing did not show it. A re-run with no change at the
/// source makes no request by id. Uses its own connection: it reads while the run's writer commits.
/// </summary>
/// <param name="entity">On a multi-entity night, the entity being listed: only its unfinished jobs are asked for.</param>
/// <param name="lastCompleteListing">Jobs the store's last complete listing showed; null when it has none.</param>
internal sealed class IncrementalFetchPlanner(JobRepository jobs, EntityFilter? entity = null, long? lastCompleteListing = null) : IFetchPlanner
{
    public long? LastCompleteListing => lastCompleteListing;

    private long _selectedFromList;

    /// <summary>Listed jobs chosen for a fetch; the rest were unchanged.</summary>
    public long SelectedFromList => Interlocked.Read(ref _selectedFromList);

    public ValueTask<IReadOnlyList<string>> SelectAsync(IReadOnlyList<JobListEntry> page, CancellationToken cancellationToken)
    {
        var ids = page.Select(entry => entry.Id).ToList();
        jobs.RememberListed(ids);
        var stored = jobs.LoadStates(ids);
        IReadOnlyList<string> selected = page
            .Where(entry => !stored.TryGetValue(entry.Id, out var state) || Differs(entry, state))
            .Select(entry => entry.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Interlocked.Add(ref _selectedFromList, selected.Count);
        return ValueTask.FromResult(selected);
    }

    public ValueTask<IReadOnlyList<string>> AfterListingAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(jobs.UnfinishedNotListed(entity));

    public static bool Differs(JobListEntry entry, StoredJobState state) =>
        !string.Equals(entry.Status, state.Status, StringComparison.Ordinal)
        || entry.RowCount != state.RowCount
        || entry.RowsSucceeded != state.RowsSucceeded
        || entry.RowsFailed != state.RowsFailed
        || !string.Equals(StoreTime.ToText(entry.LastUpdatedAt), state.LastUpdatedAt, StringComparison.Ordinal);
}
