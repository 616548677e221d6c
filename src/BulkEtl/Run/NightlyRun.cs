using BulkEtl.Extract;
using BulkEtl.Report;
using BulkEtl.Store;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Run;

/// <summary>
/// One night: extract → store → report, one run at a time per database. Fetched jobs are committed in batches as they
/// arrive, so a run killed at any moment leaves a store the next run converges from; a job is taken as deleted only
/// after a complete, plausible listing; the reports are written only from committed data, atomically.
/// </summary>
internal sealed partial class NightlyRun(TenantEntities entities, ZuoraCallMetrics metrics, ReportPublisherFactory publishers,
    TimeProvider timeProvider, ILogger<NightlyRun> logger, FailureReasonCollector? failureReasons = null)
{
    /// <summary>A report temp file this old belongs to a killed writer, not a live one.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    /// <param name="progress">Told the counts after each list page and committed batch (the CLI draws them on a terminal).</param>
    public async Task<RunResult> ExecuteAsync(RunRequest request, Guid runId, string trackId, CancellationToken cancellationToken,
        IProgress<RunProgress>? progress = null)
    {
        using var scope = logger.BeginScope(new RunLogScope(runId, trackId));
        StoreDatabase.RefuseForeign(request.DatabasePath);
        using var runLock = RunLock.TryAcquire(request.DatabasePath) ?? throw RunLockedException.For(request.DatabasePath);
        using var connection = StoreDatabase.Open(request.DatabasePath, cancellationToken);
        var ledger = new RunLedger(connection, timeProvider);
        ledger.Start(runId, trackId, request.From, request.To);
        LogStarted(logger, request.From, request.To);

        var writer = new RunBatchWriter(connection, ledger, runId, timeProvider);
        var committer = new OutcomeCommitter(writer, timeProvider);
        var lastCompleteListing = ledger.LastCompleteListing();
        var listing = new EntityListings(lastCompleteListing);
        var expectedListed = request.JobIds is null ? lastCompleteListing : null;
        void Report(RunCounts counts) => progress?.Report(new RunProgress(Totals(counts, listing), expectedListed));
        try
        {
            // 1. List, fetch what changed, and commit it as it arrives: one entity after another, each under its own header.
            using var planningConnection = StoreDatabase.Open(request.DatabasePath, cancellationToken);
            var jobs = new JobRepository(planningConnection, timeProvider);
            foreach (var entity in entities.Entities)
            {
                var (entityListing, planner) = listing.Start(jobs, entities.FilterOf(entity));
                writer.EntityId = entity.EntityId;
                // A quiet night commits almost nothing while it pages the list: the pages keep the watcher's line moving.
                entityListing.PageListed = () => Report(committer.Counts);
                var failure = await committer.ConsumeAsync(entity.Extractor.ExtractAsync(request.JobIds, planner, entityListing, cancellationToken),
                    Report, cancellationToken);

                // 2. What no later step can mend ends the night: wrong configuration (exit 2), a spent quota, a failing Zuora.
                if (failure is not null || EntityListings.IsFatal(entityListing.ListFailure))
                {
                    throw failure ?? entityListing.ListFailure!;
                }
            }

            // 3. Deleted jobs are marked only after a complete listing that looks like the tenant's.
            var failureMessage = listing.ListFailure is { } listFailure
                ? $"listing the job summaries failed, the run is incomplete and no job was marked deleted: {listFailure.Message}"
                : null;
            if (failureMessage is null && listing.ListingComplete)
            {
                ThrowIfEveryAskedJobIsUnknown(committer, request.JobIds is not null, listing.Listed);
                committer.CommitNotFound();
            }
            else if (committer.NotFound.Count > 0)
            {
                LogNotFoundKept(logger, committer.NotFound.Count);
            }

            // 4. Why rows failed: after the summaries, before the reports; never changes the outcome (null when off).
            //    Per entity on a multi-entity night: a job's downloads are asked under its own entity's header.
            var reasonCounts = failureMessage is null && failureReasons is not null
                ? await failureReasons.CollectAsync(connection, runId, entities, cancellationToken)
                : null;

            // 5. Reports from committed data, and the ledger closed with what was done.
            var reports = failureMessage is null ? await WriteReportsAsync(connection, request, runId, cancellationToken) : [];
            // A listing whose end is not proven is a partial night: every job it showed is stored, none it did not is deleted.
            var unverified = failureMessage is null ? listing.ListingUnverified : null;
            var outcome = failureMessage is not null ? RunOutcome.Failed
                : committer.Failed.Count > 0 || committer.Unaccounted.Count > 0 || unverified is not null ? RunOutcome.Partial
                : RunOutcome.Succeeded;
            failureMessage ??= unverified;
            var totals = Totals(committer.Counts, listing);
            ledger.Finish(runId, Word(outcome), totals, failureMessage, DataQualityReport.CountFlaggedJobs(connection), reports);
            LogFinished(logger, outcome, totals.Listed, totals.Fetched, totals.NotFound, totals.Failed, totals.Requests, totals.Retries);
            return new RunResult(runId, trackId, outcome, totals, committer.Failed, committer.Unaccounted,
                reports.Select(report => Path.Combine(request.OutputDirectory, report.FileName)).ToList(), failureMessage)
            {
                FailureReasons = reasonCounts,
            };
        }
        catch (Exception exception)
        {
            // The ledger says why the night failed; the data committed before stays.
            TryFinishAsFailed(ledger, runId, Totals(committer.Counts, listing), exception);
            throw;
        }
    }

    /// <summary>
    /// Nothing listed (or only explicit ids asked) and every job asked by id unknown: the base URL most likely does not
    /// reach the tenant. Marking them deleted would be a lie, so the night is a configuration error.
    /// </summary>
    private void ThrowIfEveryAskedJobIsUnknown(OutcomeCommitter committer, bool explicitIds, long listed)
    {
        if (committer.NotFound.Count > 0 && committer.Counts.Fetched == 0 && committer.Failed.Count == 0 && (explicitIds || listed == 0))
        {
            throw new ZuoraConfigurationException(
                $"{entities.Entities[0].Client.BaseUrl} listed no job and answered 404 for every one of the {committer.NotFound.Count} job(s) asked by id: "
                + "either the base URL does not reach the tenant's Bulk Data API (a path suffix such as /v1, another region, a proxy) "
                + "or every one of these jobs was deleted; no job was marked deleted");
        }
    }

    private async Task<IReadOnlyList<RunReportRecord>> WriteReportsAsync(SqliteConnection connection, RunRequest request, Guid runId,
        CancellationToken cancellationToken)
    {
        AtomicFile.RemoveLeftovers(request.OutputDirectory, timeProvider, LeftoverAge);
        var scope = new ReportScope(request.From, request.To);
        var publisher = publishers.Create(connection, request.OutputDirectory, runId.ToString("D"));
        var files = new List<PublishedFile>();
        files.AddRange(await publisher.FailureRatesAsync(scope, cancellationToken));
        files.AddRange(await publisher.TrendAsync(scope, TrendPeriod.Day, cancellationToken));
        files.AddRange(await publisher.DataQualityAsync(scope, cancellationToken));
        files.AddRange(await publisher.FailureReasonsAsync(scope, cancellationToken));
        return files.Select(file => new RunReportRecord("", Path.GetFileName(file.Path), file.Sha256, file.Bytes)).ToList();
    }

    /// <summary>The jobs' side as committed, with the list's and the calls' side of the run added.</summary>
    private RunCounts Totals(RunCounts jobs, EntityListings listing)
    {
        var notChangedAfterFetch = Math.Max(0, jobs.Fetched - jobs.New - jobs.Changed);
        return jobs with
        {
            Listed = listing.Listed,
            Unchanged = listing.NotSelected + notChangedAfterFetch,
            Requests = metrics.Requests,
            Retries = metrics.Retries,
            TooManyRequests = metrics.TooManyRequests,
        };
    }

    private static string Word(RunOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private void TryFinishAsFailed(RunLedger ledger, Guid runId, RunCounts counts, Exception exception)
    {
        try
        {
            // "interrupted", as a run killed outright is recorded by the next one: a signal or Ctrl+C stopped it.
            var message = exception is OperationCanceledException ? "interrupted: stopped by a signal before the run finished" : exception.Message;
            ledger.Finish(runId, Word(RunOutcome.Failed), counts, message, 0, []);
            LogFailed(logger, message);
        }
        catch (Exception ledgerFailure) when (ledgerFailure is SqliteException or InvalidOperationException)
        {
            LogLedgerFailed(logger, ledgerFailure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run started for {From:yyyy-MM-dd}..{To:yyyy-MM-dd}")]
    private static partial void LogStarted(ILogger logger, DateOnly from, DateOnly to);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Run {Outcome}: listed {Listed}, fetched {Fetched}, not found {NotFound}, failed {Failed}, {Requests} requests, {Retries} retries")]
    private static partial void LogFinished(ILogger logger, RunOutcome outcome, long listed, long fetched, long notFound, long failed, long requests, long retries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} job(s) answered 404, but the listing is incomplete: none is marked deleted")]
    private static partial void LogNotFoundKept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run failed: {Reason}; what was committed before is kept")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The run ledger could not record the failure: {Reason}")]
    private static partial void LogLedgerFailed(ILogger logger, string reason);
}
