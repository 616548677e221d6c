using BulkEtl.Extract;

namespace BulkEtl.Run;

/// <summary>For runs given explicit job ids: there is no listing to plan from.</summary>
internal sealed class FetchEverythingPlanner : IFetchPlanner
{
    public ValueTask<IReadOnlyList<string>> SelectAsync(IReadOnlyList<JobListEntry> page, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(page.Select(entry => entry.Id).ToList());

    public ValueTask<IReadOnlyList<string>> AfterListingAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([]);
}
