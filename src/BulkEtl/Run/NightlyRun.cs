using BulkEtl.Extract;
using BulkEtl.Report;
using BulkEtl.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Run;

/// <summary>
/// One night: extract → store → report, one run at a time per database. Each batch of fetched jobs is committed
/// with its snapshots and the run's progress in one transaction, so a run killed at any moment leaves a store the
/// next run converges from; the reports are written only from committed data, atomically.
/// </summary>
public sealed partial class NightlyRun(JobExtractor extractor, ZuoraCallMetrics metrics, TimeProvider timeProvider, ILogger<NightlyRun> logger)
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
            var batch = new List<FetchOutcome>(BatchSize);
            var lastCommit = timeProvider.GetTimestamp();
            await foreach (var outcome in extractor.ExtractAsync(request.JobIds, planner, listing, cancellationToken))
            {
                batch.Add(outcome);
                if (batch.Count >= BatchSize || timeProvider.GetElapsedTime(lastCommit) >= BatchInterval)
                {
                    writer.Commit(batch, tally);
                    lastCommit = timeProvider.GetTimestamp();
                    progress?.Report(Counts(listing, tally, planner));
                }
            }

            writer.Commit(batch, tally);
            if (listing.ListFailure is ZuoraAuthenticationException authentication)
            {
                // Wrong credentials are the operator's to fix, not a partial night: exit 2, not 1.
                throw authentication;
            }

            var failureMessage = listing.ListFailure is { } listFailure
                ? $"listing the job summaries failed, the run is incomplete: {listFailure.Message}"
                : null;
            var reports = failureMessage is null
                ? await WriteReportsAsync(connection, request, runId, cancellationToken)
                : [];
            var outcomeKind = failureMessage is not null ? RunOutcome.Failed
                : tally.Failed.Count > 0 ? RunOutcome.Partial
                : RunOutcome.Succeeded;
            var counts = Counts(listing, tally, planner);
            ledger.Finish(runId, Totals(outcomeKind, counts, failureMessage, DataQualityReport.CountFlaggedJobs(connection)), reports);
            LogFinished(logger, outcomeKind, counts.Listed, counts.Fetched, counts.NotFound, counts.Failed, counts.Requests, counts.Retries);
            return new RunResult(runId, trackId, outcomeKind, counts, tally.Failed,
                reports.Select(report => Path.Combine(request.OutputDirectory, report.FileName)).ToList(), failureMessage);
        }
        catch (Exception exception)
        {
            // The ledger says why the night failed; the data committed before stays.
            TryFinishAsFailed(ledger, runId, Counts(listing, tally, null), exception);
            throw;
        }
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
            Failed: tally.Failed.Count,
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
            var notFound = batch.OfType<FetchOutcome.NotFound>().ToList();
            var failed = batch.OfType<FetchOutcome.Failed>().ToList();

            using var transaction = connection.BeginTransaction();
            var known = _jobs.LoadStates(summaries.Select(summary => summary.Id).ToList(), transaction);
            var written = _jobs.Upsert(summaries, transaction);
            _snapshots.Record(summaries, runId, observedAt, transaction);
            foreach (var missing in notFound)
            {
                _jobs.MarkNotFound(missing.JobId, observedAt, transaction);
                _snapshots.RecordNotFound(missing.JobId, runId, observedAt, transaction);
                ledger.RecordJob(runId, missing.JobId, RunLedger.NotFound, "Zuora answered 404: the job was deleted", transaction);
            }

            foreach (var failure in failed)
            {
                ledger.RecordJob(runId, failure.JobId, RunLedger.Failed, failure.Reason, transaction);
            }

            var added = summaries.Count(summary => !known.ContainsKey(summary.Id));
            var counts = new BatchCounts(summaries.Count, added, Math.Max(0, written - added), notFound.Count, failed.Count);
            ledger.RecordProgress(runId, counts, transaction);
            transaction.Commit();

            tally.Fetched += counts.Fetched;
            tally.New += counts.New;
            tally.Changed += counts.Changed;
            tally.NotFound += counts.NotFound;
            tally.Failed.AddRange(failed);
            batch.Clear();
        }
    }

    private sealed class Tally
    {
        public long Fetched { get; set; }

        public long New { get; set; }

        public long Changed { get; set; }

        public long NotFound { get; set; }

        public List<FetchOutcome.Failed> Failed { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run started for {From:yyyy-MM-dd}..{To:yyyy-MM-dd}")]
    private static partial void LogStarted(ILogger logger, DateOnly from, DateOnly to);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Run {Outcome}: listed {Listed}, fetched {Fetched}, not found {NotFound}, failed {Failed}, {Requests} requests, {Retries} retries")]
    private static partial void LogFinished(ILogger logger, RunOutcome outcome, long listed, long fetched, long notFound, long failed, long requests, long retries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run failed: {Reason}; what was committed before is kept")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The run ledger could not record the failure: {Reason}")]
    private static partial void LogLedgerFailed(ILogger logger, string reason);
}
