using BulkEtl.Extract;
using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>
/// The listing side of a night over one or more entities: each entity's listing and planner, and their sums. The
/// listing is complete only when every entity's was, and its failure is the first entity's that failed.
/// </summary>
/// <param name="lastCompleteListing">Jobs the store's last complete listing showed (the page bound of each listing grows from it).</param>
internal sealed class EntityListings(long? lastCompleteListing = null)
{
    private readonly List<(ExtractionProgress Listing, IncrementalFetchPlanner Planner)> _entities = [];

    public long Listed => _entities.Sum(entity => entity.Listing.Listed);

    public long SelectedFromList => _entities.Sum(entity => entity.Planner.SelectedFromList);

    /// <summary>Listed jobs the planners did not select: unchanged since the store last saw them.</summary>
    public long NotSelected => Math.Max(0, Listed - SelectedFromList);

    public Exception? ListFailure => _entities.Select(entity => entity.Listing.ListFailure).FirstOrDefault(failure => failure is not null);

    public bool ListingComplete => _entities.Count > 0 && _entities.All(entity => entity.Listing.ListingComplete);

    /// <summary>Why the first entity whose listing could not be verified was not: the night is partial.</summary>
    public string? ListingUnverified => _entities.Select(entity => entity.Listing.ListingUnverified).FirstOrDefault(reason => reason is not null);

    /// <summary>
    /// A listing failure that ends the night (and a dry run) at once: wrong configuration or a spent quota, which no
    /// later entity or step can mend. Any other listing failure only leaves the listing incomplete.
    /// </summary>
    public static bool IsFatal(Exception? listFailure) => listFailure is ZuoraConfigurationException or ZuoraQuotaExhaustedException;

    /// <summary>The next entity's listing and planner; the planner asks only for the stored jobs of <paramref name="entity"/>
    /// (<see cref="TenantEntities.FilterOf"/>).</summary>
    public (ExtractionProgress Listing, IncrementalFetchPlanner Planner) Start(JobRepository jobs, EntityFilter? entity)
    {
        var started = (new ExtractionProgress(), new IncrementalFetchPlanner(jobs, entity, lastCompleteListing));
        _entities.Add(started);
        return started;
    }
}
