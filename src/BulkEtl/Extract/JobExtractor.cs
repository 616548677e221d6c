using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace BulkEtl.Extract;

/// <summary>
/// Streams a run's extraction: list pages in, ids to fetch through a bounded queue, summaries fetched in parallel
/// and handed out as they arrive. Nothing is held for the whole tenant, so memory stays flat with the job count.
/// </summary>
internal sealed partial class JobExtractor(ZuoraClient client, ILogger<JobExtractor> logger)
{
    /// <summary>
    /// Lists the tenant (or takes <paramref name="explicitIds"/>), asks <paramref name="planner"/> which ids
    /// of each page need a fetch, and yields every fetch's outcome. A list failure is reported through
    /// <see cref="ExtractionProgress.ListFailure"/> after the already queued fetches have been yielded, so the
    /// caller can commit them before failing the run.
    /// </summary>
    public async IAsyncEnumerable<FetchOutcome> ExtractAsync(
        IReadOnlyList<string>? explicitIds,
        IFetchPlanner planner,
        ExtractionProgress progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var maxConcurrency = client.Limiter.MaxConcurrency;
        var ids = Channel.CreateBounded<string>(new BoundedChannelOptions(maxConcurrency * 4) { SingleWriter = true });
        var outcomes = Channel.CreateBounded<FetchOutcome>(new BoundedChannelOptions(maxConcurrency * 4) { SingleReader = true });

        var producer = Task.Run(() => ProduceIdsAsync(explicitIds, planner, progress, ids.Writer, outcomes.Writer, stop.Token), stop.Token);
        var fetchers = Task.Run(() => FetchAllAsync(ids.Reader, outcomes.Writer, stop.Token), stop.Token);

        try
        {
            await foreach (var outcome in outcomes.Reader.ReadAllAsync(cancellationToken))
            {
                yield return outcome;
            }

            await Task.WhenAll(producer, fetchers);
        }
        finally
        {
            // Stop the background work and wait for it: the caller disposes the connections and the HttpClient they use.
            await stop.CancelAsync();
            await Task.WhenAll(producer, fetchers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ProduceIdsAsync(
        IReadOnlyList<string>? explicitIds,
        IFetchPlanner planner,
        ExtractionProgress progress,
        ChannelWriter<string> ids,
        ChannelWriter<FetchOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        try
        {
            if (explicitIds is not null)
            {
                foreach (var id in explicitIds)
                {
                    await ids.WriteAsync(id, cancellationToken);
                }

                progress.CompleteListing();
                return;
            }

            string? unprovenEnd = null;
            await foreach (var page in client.ListPagesAsync(planner.LastCompleteListing, cancellationToken))
            {
                progress.AddListed(page.Count);
                unprovenEnd ??= page.UnprovenEnd;
                var selected = await planner.SelectAsync(page.Entries, cancellationToken);
                foreach (var id in selected)
                {
                    await ids.WriteAsync(id, cancellationToken);
                }

                foreach (var unreadable in page.Unreadable)
                {
                    // Kept as evidence; a job whose id could still be read is fetched by id, where its summary decides.
                    LogUnreadableEntry(logger, unreadable.JobId ?? "(no id)", unreadable.Reason);
                    await outcomes.WriteAsync(new FetchOutcome.Unreadable(unreadable), cancellationToken);
                    if (unreadable.JobId is { } id && !selected.Contains(id, StringComparer.Ordinal))
                    {
                        await ids.WriteAsync(id, cancellationToken);
                    }
                }
            }

            foreach (var id in await planner.AfterListingAsync(cancellationToken))
            {
                await ids.WriteAsync(id, cancellationToken);
            }

            if (unprovenEnd is not null)
            {
                // Every page was read, but the list may go on past the last one: nothing it did not show is deleted.
                LogListingUnverified(logger, unprovenEnd);
                progress.ListingUnverified = unprovenEnd;
            }
            else
            {
                progress.CompleteListing();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Keep the fetches already queued: what was listed before the failure still gets stored.
            progress.ListFailure = exception;
            LogListFailed(logger, exception.Message);
        }
        finally
        {
            ids.Complete();
        }
    }

    private async Task FetchAllAsync(ChannelReader<string> ids, ChannelWriter<FetchOutcome> outcomes, CancellationToken cancellationToken)
    {
        try
        {
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = client.Limiter.MaxConcurrency,
                CancellationToken = cancellationToken,
            };
            await Parallel.ForEachAsync(ids.ReadAllAsync(cancellationToken), parallel, async (id, token) =>
                await outcomes.WriteAsync(await FetchOneAsync(id, token), token));
            outcomes.Complete();
        }
        catch (Exception exception)
        {
            outcomes.Complete(exception);
        }
    }

    private async Task<FetchOutcome> FetchOneAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var fetch = await client.GetSummaryAsync(id, cancellationToken);
            if (fetch.Summary is { } summary)
            {
                return new FetchOutcome.Fetched(summary);
            }

            LogNotFound(logger, id);
            return new FetchOutcome.NotFound(id);
        }
        catch (Exception exception) when (exception is ZuoraApiException and not (ZuoraConfigurationException or ZuoraQuotaExhaustedException)
                                              or Polly.Timeout.TimeoutRejectedException
                                              or ArgumentException)
        {
            // One job that cannot be read must not cost the night: record it and go on.
            LogFetchFailed(logger, id, exception.Message);
            return new FetchOutcome.Failed(id, exception.Message, (exception as ZuoraRecordException)?.Evidence);
        }
        catch (BrokenCircuitException exception)
        {
            throw new ZuoraApiException($"Zuora keeps failing, so the run stops early instead of hammering it ({exception.Message})", inner: exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A list entry could not be read (job {JobId}): {Reason}")]
    private static partial void LogUnreadableEntry(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is no longer known to Zuora (404); its last stored state is kept")]
    private static partial void LogNotFound(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be fetched: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The listing could not be verified: {Reason}")]
    private static partial void LogListingUnverified(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing the job summaries failed: {Reason}")]
    private static partial void LogListFailed(ILogger logger, string reason);
}
