using BulkEtl.Extract;
using BulkEtl.Report;
using BulkEtl.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Run;

/// <summary>
/// One night: extract → store → report, one run at a time per database. Each batch of fetched jobs is committed
/// with its snapshots and the run's progress in one transaction, within seconds of arriving, so a run killed at any
/// moment leaves a store the next run converges from; the reports are written only from committed data, atomically.
/// A job is taken as deleted only after a complete listing, and never when the base URL looks wrong.
/// </summary>
public sealed partial class NightlyRun(JobExtractor extractor, ZuoraClient client, ZuoraCallMetrics metrics, TimeProvider timeProvider,
    ILogger<NightlyRun> logger, FailureReasonCollector? failureReasons = null)
{
    private const int BatchSize = 200;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(2);

    /// <summary>A report temp file this old belongs to a killed writer, not a live one.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    /// <param name="progress">Told the counts after each committed batch (the CLI draws them on a terminal).</param>
    public async Task<RunResult> ExecuteAsync(RunRequest request, Guid runId, string trackId, CancellationToken cancellationToken,
        IProgress<RunCounts>? progress = null)
    {
        using var scope = logger.BeginScope(new RunLogScope(runId, trackId));
        using var runLock = RunLock.TryAcquire(request.DatabasePath) ?? throw Locked(request.DatabasePath);
        using var connection = StoreDatabase.Open(request.DatabasePath, cancellationToken);
        var ledger = new RunLedger(connection, timeProvider);
        ledger.Start(runId, trackId, request.From, request.To);
        LogStarted(logger, request.From, request.To);

        var listing = new ExtractionProgress();
        var tally = new Tally();
        try
        {
            using var planningConnection = StoreDatabase.Open(request.DatabasePath, cancellationToken);
            // With explicit job ids there is no listing, and the extractor never asks the planner.
            var planner = new IncrementalFetchPlanner(new JobRepository(planningConnection, timeProvider));
            var writer = new BatchWriter(connection, ledger, runId, timeProvider);
            var notFound = new List<string>();
            var extractionFailure = await ExtractAndCommitAsync(request, planner, listing, writer, tally, notFound,
                () => progress?.Report(Counts(listing, tally, planner)), cancellationToken);

            if ((listing.ListFailure ?? extractionFailure) is ZuoraConfigurationException or ZuoraQuotaExhaustedException)
            {
                // Wrong configuration is the operator's to fix (exit 2); a spent quota ends the night now (exit 1).
                throw (listing.ListFailure ?? extractionFailure)!;
            }

            if (extractionFailure is not null)
            {
                throw extractionFailure;
            }

            var failureMessage = listing.ListFailure is { } listFailure
                ? $"listing the job summaries failed, the run is incomplete and no job was marked deleted: {listFailure.Message}"
                : null;
            if (failureMessage is null && listing.ListingComplete)
            {
                MarkNotFound(notFound, tally, writer, request.JobIds is not null, listing.Listed);
            }
            else if (notFound.Count > 0)
            {
                LogNotFoundKept(logger, notFound.Count);
            }

            // Issue 12, why rows fail: after the summaries, before the reports; never changes the outcome (null when off).
            var reasonCounts = failureMessage is null && failureReasons is not null
                ? await failureReasons.CollectAsync(connection, runId, cancellationToken)
                : null;

            var reports = failureMessage is null
                ? await WriteReportsAsync(connection, request, runId, cancellationToken)
                : [];
            var outcomeKind = failureMessage is not null ? RunOutcome.Failed
                : tally.Failed.Count > 0 || tally.Unaccounted.Count > 0 ? RunOutcome.Partial
                : RunOutcome.Succeeded;
            var counts = Counts(listing, tally, planner);
            ledger.Finish(runId, Totals(outcomeKind, counts, failureMessage, DataQualityReport.CountFlaggedJobs(connection)), reports);
            LogFinished(logger, outcomeKind, counts.Listed, counts.Fetched, counts.NotFound, counts.Failed, counts.Requests, counts.Retries);
            return new RunResult(runId, trackId, outcomeKind, counts, tally.Failed, tally.Unaccounted,
                reports.Select(report => Path.Combine(request.OutputDirectory, report.FileName)).ToList(), failureMessage)
            {
                FailureReasons = reasonCounts,
            };
        }
        catch (Exception exception)
        {
            // The ledger says why the night failed; the data committed before stays.
            TryFinishAsFailed(ledger, runId, Counts(listing, tally, null), exception);
            throw;
        }
    }

    /// <summary>
    /// Streams the extraction into batches, committing each when full or when it has waited <see cref="BatchInterval"/>,
    /// whether or not another result arrives. Not-found ids are held back: they are marked only once the night is known
    /// to be sound. Returns the extraction's failure, after committing everything fetched before it.
    /// </summary>
    private async Task<Exception?> ExtractAndCommitAsync(RunRequest request, IncrementalFetchPlanner planner, ExtractionProgress listing,
        BatchWriter writer, Tally tally, List<string> notFound, Action reportProgress, CancellationToken cancellationToken)
    {
        var batch = new List<FetchOutcome>(BatchSize);
        var lastCommit = timeProvider.GetTimestamp();
        void Commit()
        {
            writer.Commit(batch, tally);
            lastCommit = timeProvider.GetTimestamp();
            reportProgress();
        }

        var outcomes = extractor.ExtractAsync(request.JobIds, planner, listing, cancellationToken).GetAsyncEnumerator(cancellationToken);
        Task<bool>? next = null;
        try
        {
            while (true)
            {
                next ??= outcomes.MoveNextAsync().AsTask();
                if (batch.Count > 0 && !next.IsCompleted && !await ArrivesWithinAsync(next, BatchInterval - timeProvider.GetElapsedTime(lastCommit), cancellationToken))
                {
                    Commit();
                    continue;
                }

                var more = await next;
                next = null;
                if (!more)
                {
                    break;
                }

                if (outcomes.Current is FetchOutcome.NotFound missing)
                {
                    notFound.Add(missing.Id);
                    continue;
                }

                batch.Add(outcomes.Current);
                if (batch.Count >= BatchSize)
                {
                    Commit();
                }
            }

            Commit();
            return null;
        }
        catch (Exception exception) when (exception is ZuoraApiException or Polly.Timeout.TimeoutRejectedException)
        {
            // What was fetched before the failure is good data: keep it.
            next = null;
            Commit();
            return exception;
        }
        finally
        {
            if (next is not null)
            {
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await outcomes.DisposeAsync();
        }
    }

    /// <summary>Whether <paramref name="next"/> completes within <paramref name="wait"/>.</summary>
    private async Task<bool> ArrivesWithinAsync(Task<bool> next, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, timeProvider, timer.Token);
        var first = await Task.WhenAny(next, delay);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == next;
    }

    /// <summary>
    /// Marks the ids Zuora answered 404 for as deleted, unless the night looks like a wrong base URL: nothing listed (or
    /// only explicit ids asked) and every job asked by id unknown. Then nothing is marked and the run exits 2.
    /// </summary>
    private void MarkNotFound(List<string> notFound, Tally tally, BatchWriter writer, bool explicitIds, long listed)
    {
        if (notFound.Count == 0)
        {
            return;
        }

        if (tally.Fetched == 0 && tally.Failed.Count == 0 && (explicitIds || listed == 0))
        {
            throw new ZuoraConfigurationException(
                $"{client.BaseUrl} listed no job and answered 404 for every one of the {notFound.Count} job(s) asked by id: "
                + "either the base URL does not reach the tenant's Bulk Data API (a path suffix such as /v1, another region, a proxy) "
                + "or every one of these jobs was deleted; no job was marked deleted");
        }

        writer.CommitNotFound(notFound, tally);
    }

    private async Task<IReadOnlyList<RunReportRecord>> WriteReportsAsync(SqliteConnection connection, RunRequest request, Guid runId,
        CancellationToken cancellationToken)
    {
        AtomicFile.RemoveLeftovers(request.OutputDirectory, timeProvider, LeftoverAge);
        var scope = new ReportScope(request.From, request.To);
        var publisher = new ReportPublisher(connection, request.OutputDirectory, timeProvider, runId.ToString("D"));
        var files = new List<string>();
        files.AddRange(await publisher.FailureRatesAsync(scope, cancellationToken));
        files.AddRange(await publisher.TrendAsync(scope, TrendPeriod.Day, cancellationToken));
        files.AddRange(await publisher.DataQualityAsync(scope, cancellationToken));
        files.AddRange(await publisher.FailureReasonsAsync(scope, cancellationToken));
        var records = new List<RunReportRecord>();
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            records.Add(new RunReportRecord("", Path.GetFileName(file), ManifestWriter.Sha256(bytes), bytes.LongLength));
        }

        return records;
    }

    private RunCounts Counts(ExtractionProgress progress, Tally tally, IncrementalFetchPlanner? planner)
    {
        var notChangedAfterFetch = Math.Max(0, tally.Fetched - tally.New - tally.Changed);
        var notSelected = planner is null ? 0 : Math.Max(0, progress.Listed - planner.SelectedFromList);
        return new RunCounts(
            Listed: progress.Listed,
            Fetched: tally.Fetched,
            New: tally.New,
            Changed: tally.Changed,
            Unchanged: notSelected + notChangedAfterFetch,
            NotFound: tally.NotFound,
            Failed: tally.Failed.Count + tally.Unaccounted.Count,
            Requests: metrics.Requests,
            Retries: metrics.Retries,
            TooManyRequests: metrics.TooManyRequests);
    }

    private static RunTotals Totals(RunOutcome outcome, RunCounts counts, string? failureMessage, long dataQualityIssues = 0) => new(
        outcome.ToString().ToLowerInvariant(), counts.Listed, counts.Unchanged, counts.Requests, counts.Retries,
        counts.TooManyRequests, failureMessage, dataQualityIssues);

    private void TryFinishAsFailed(RunLedger ledger, Guid runId, RunCounts counts, Exception exception)
    {
        try
        {
            var message = exception is OperationCanceledException ? "cancelled" : exception.Message;
            ledger.Finish(runId, Totals(RunOutcome.Failed, counts, message), []);
            LogFailed(logger, message);
        }
        catch (Exception ledgerFailure) when (ledgerFailure is SqliteException or InvalidOperationException)
        {
            LogLedgerFailed(logger, ledgerFailure.Message);
        }
    }

    private static RunLockedException Locked(string databasePath)
    {
        var holder = "";
        try
        {
            using var connection = StoreDatabase.Open(databasePath);
            if (new RunLedger(connection, TimeProvider.System).Latest(1, "running").FirstOrDefault() is { } running)
            {
                holder = $" (run {running.Id}, process {running.ProcessId} on {running.HostName}, started {running.StartedAt})";
            }
        }
        catch (Exception exception) when (exception is StoreException or SqliteException)
        {
            // Naming the holder is a courtesy; the refusal stands without it.
        }

        return new RunLockedException($"another run is using '{databasePath}'{holder}; this run did nothing");
    }

    /// <summary>Commits one batch: jobs, snapshots, failures and the run's progress in a single transaction.</summary>
    private sealed class BatchWriter(SqliteConnection connection, RunLedger ledger, Guid runId, TimeProvider timeProvider)
    {
        private readonly JobRepository _jobs = new(connection, timeProvider);
        private readonly SnapshotRepository _snapshots = new(connection);

        public void Commit(List<FetchOutcome> batch, Tally tally)
        {
            if (batch.Count == 0)
            {
                return;
            }

            var observedAt = timeProvider.GetUtcNow();
            var summaries = batch.OfType<FetchOutcome.Fetched>().Select(fetched => fetched.Summary)
                .GroupBy(summary => summary.Id, StringComparer.Ordinal).Select(group => group.Last()).ToList();
            var failed = batch.OfType<FetchOutcome.Failed>().ToList();
            var unreadable = batch.OfType<FetchOutcome.Unreadable>().Select(entry => entry.Record).ToList();
            // A list entry whose id could not be read is a job the night cannot account for; one with an id is fetched by id.
            var unaccounted = unreadable.Where(record => record.JobId is null).ToList();

            using var transaction = connection.BeginTransaction();
            var known = _jobs.LoadStates(summaries.Select(summary => summary.Id).ToList(), transaction);
            var written = _jobs.Upsert(summaries, transaction);
            _snapshots.Record(summaries, runId, observedAt, transaction);
            foreach (var failure in failed)
            {
                ledger.RecordJob(runId, failure.Id, RunLedger.Failed, failure.Reason, transaction);
                if (failure.Evidence is not null)
                {
                    ledger.RecordRejected(runId, RunLedger.FromSummary, failure.Id, failure.Reason, failure.Evidence, transaction);
                }
            }

            foreach (var record in unreadable)
            {
                ledger.RecordRejected(runId, RunLedger.FromList, record.JobId, record.Reason, record.Evidence, transaction);
            }

            var added = summaries.Count(summary => !known.ContainsKey(summary.Id));
            var counts = new BatchCounts(summaries.Count, added, Math.Max(0, written - added), 0, failed.Count + unaccounted.Count);
            ledger.RecordProgress(runId, counts, transaction);
            transaction.Commit();

            tally.Fetched += counts.Fetched;
            tally.New += counts.New;
            tally.Changed += counts.Changed;
            tally.Failed.AddRange(failed);
            tally.Unaccounted.AddRange(unaccounted);
            batch.Clear();
        }

        /// <summary>Marks jobs Zuora no longer knows, keeping their last state, once the night is known to be sound.</summary>
        public void CommitNotFound(IReadOnlyList<string> notFound, Tally tally)
        {
            var observedAt = timeProvider.GetUtcNow();
            using var transaction = connection.BeginTransaction();
            foreach (var missing in notFound)
            {
                _jobs.MarkNotFound(missing, observedAt, transaction);
                _snapshots.RecordNotFound(missing, runId, observedAt, transaction);
                ledger.RecordJob(runId, missing, RunLedger.NotFound, "Zuora answered 404: the job was deleted", transaction);
            }

            ledger.RecordProgress(runId, new BatchCounts(0, 0, 0, notFound.Count, 0), transaction);
            transaction.Commit();
            tally.NotFound += notFound.Count;
        }
    }

    private sealed class Tally
    {
        public long Fetched { get; set; }

        public long New { get; set; }

        public long Changed { get; set; }

        public long NotFound { get; set; }

        public List<FetchOutcome.Failed> Failed { get; } = [];

        public List<UnreadableRecord> Unaccounted { get; } = [];
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
