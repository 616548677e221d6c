using BulkEtl.Extract;
using BulkEtl.Store;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Run;

/// <summary>
/// <c>run --dry-run</c>: lists and plans exactly as a night does (the same <see cref="IncrementalFetchPlanner"/>),
/// fetches by id what a night would fetch, and compares each summary with the stored job. It writes nothing: the store
/// is opened read-only (a missing or empty one is an empty in-memory store, and no file is created), no run lock, no
/// ledger row, no report.
/// </summary>
internal sealed partial class DryRun(TenantEntities entities, ZuoraCallMetrics metrics, TimeProvider timeProvider, ILogger<DryRun> logger)
{
    public async Task<DryRunResult> ExecuteAsync(RunRequest request, CancellationToken cancellationToken)
    {
        // Two connections, as in a night: the planner reads from the listing's thread while the fetches are compared here.
        using var planning = OpenStore(request.DatabasePath, cancellationToken);
        using var comparing = OpenStore(request.DatabasePath, cancellationToken);
        var jobs = new JobRepository(planning, timeProvider);
        var stored = new JobRepository(comparing, timeProvider);
        var listing = new EntityListings(new RunLedger(planning, timeProvider).LastCompleteListing());
        var added = new List<string>();
        var changed = new List<DryRunChange>();
        var notFound = new List<string>();
        var failed = new List<string>();
        long fetchedUnchanged = 0;
        Exception? failure = null;
        try
        {
            foreach (var entity in entities.Entities)
            {
                var (entityListing, planner) = listing.Start(jobs, entities.FilterOf(entity));
                await foreach (var outcome in entity.Extractor.ExtractAsync(request.JobIds, planner, entityListing, cancellationToken))
                {
                    Tally(outcome);
                }

                if (EntityListings.IsFatal(entityListing.ListFailure))
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is ZuoraApiException or Polly.Timeout.TimeoutRejectedException)
        {
            failure = exception;
        }

        void Tally(FetchOutcome outcome)
        {
            switch (outcome)
            {
                case FetchOutcome.Fetched { Summary: var summary }:
                    if (stored.Find(summary.Id) is not { } current)
                    {
                        added.Add(summary.Id);
                    }
                    else if (JobDifference.Fields(current, summary) is { Count: > 0 } fields)
                    {
                        changed.Add(new DryRunChange(summary.Id, fields));
                    }
                    else
                    {
                        fetchedUnchanged++;
                    }

                    break;
                case FetchOutcome.NotFound { Id: var id }:
                    notFound.Add(id);
                    break;
                case FetchOutcome.Failed { Id: var id }:
                    failed.Add(id);
                    break;
                case FetchOutcome.Unreadable { Record.JobId: null }:
                    failed.Add("(list entry without a readable id)");
                    break;
            }
        }

        if (failure is not null || EntityListings.IsFatal(listing.ListFailure))
        {
            throw failure ?? listing.ListFailure!;
        }

        var failureMessage = listing.ListFailure is { } listFailure
            ? $"listing the job summaries failed, so the dry run is incomplete: {listFailure.Message}"
            : null;

        // The same rule as a night: a 404 means deleted only after a complete listing.
        var wouldMarkDeleted = failureMessage is null && listing.ListingComplete ? notFound : [];
        var result = new DryRunResult(listing.Listed, added, changed, listing.NotSelected + fetchedUnchanged, wouldMarkDeleted, failed,
            metrics.Requests, failureMessage) { FetchedUnchanged = fetchedUnchanged, ListingUnverified = listing.ListingUnverified };
        LogFinished(logger, result.Listed, added.Count, changed.Count, wouldMarkDeleted.Count, failed.Count);
        return result;
    }

    /// <summary>
    /// The store read-only, with a writable in-memory temp schema for the planner's listed ids (<c>query_only</c> would
    /// refuse even those; the read-only open still keeps the file itself untouched). A missing or empty file is an
    /// empty store in memory, so nothing is created on disk.
    /// </summary>
    private SqliteConnection OpenStore(string path, CancellationToken cancellationToken) =>
        new FileInfo(Path.GetFullPath(path)) is { Exists: false } or { Length: 0 }
            ? StoreDatabase.OpenInMemory(timeProvider, cancellationToken)
            : StoreDatabase.OpenReadOnly(path, allowTempWrites: true);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Dry run: listed {Listed}; would add {New}, change {Changed}, mark deleted {Deleted}; {Failed} failed")]
    private static partial void LogFinished(ILogger logger, long listed, int @new, int changed, int deleted, int failed);
}
