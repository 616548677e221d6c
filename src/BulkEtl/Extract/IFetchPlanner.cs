using BulkEtl.Model;

namespace BulkEtl.Extract;

/// <summary>Decides which listed jobs need a fetch by id; the run's incremental rules live behind it.</summary>
internal interface IFetchPlanner
{
    /// <summary>The ids of <paramref name="page"/> worth fetching.</summary>
    ValueTask<IReadOnlyList<string>> SelectAsync(IReadOnlyList<JobListEntry> page, CancellationToken cancellationToken);

    /// <summary>Ids to fetch once the whole list has been read (jobs the listing did not show).</summary>
    ValueTask<IReadOnlyList<string>> AfterListingAsync(CancellationToken cancellationToken);

    /// <summary>Jobs the store's last complete listing showed, if it has one: a listing's page bound grows from it.</summary>
    long? LastCompleteListing => null;
}
