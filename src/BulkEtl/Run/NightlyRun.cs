using BulkEtl.Extract;
using BulkEtl.Report;
using BulkEtl.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Run;

/// <summary>
/// One night: extract → store → report. Fetched summaries are committed in small batches as they arrive, so a
/// failure later in the run keeps everything before it; the reports are written only from committed data.
/// </summary>
public sealed partial class NightlyRun(JobExtractor extractor, ZuoraCallMetrics metrics, TimeProvider timeProvider, ILogger<NightlyRun> logger)
{
    private const int BatchSize = 200;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(2);

    public async Task<RunResult> ExecuteAsync(RunRequest request, Guid runId, string trackId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new RunLogScope(runId, trackId));
        LogStarted(logger, request.From, request.To);
        using var connection = StoreDatabase.Open(request.DatabasePath);
        var jobs = new JobRepository(connection, timeProvider);
        var progress = new ExtractionProgress();
        var tally = new Tally();
        var batch = new List<FetchOutcome>(BatchSize);
        var lastCommit = timeProvider.GetTimestamp();

        await foreach (var outcome in extractor.ExtractAsync(request.JobIds, SelectAll, progress, cancellationToken))
        {
            batch.Add(outcome);
            if (batch.Count >= BatchSize || timeProvider.GetElapsedTime(lastCommit) >= BatchInterval)
            {
                Commit(connection, jobs, batch, tally);
                lastCommit = timeProvider.GetTimestamp();
            }
        }

        Commit(connection, jobs, batch, tally);
        if (progress.ListFailure is ZuoraAuthenticationException authentication)
        {
            // Wrong credentials are the operator's to fix, not a partial night: exit 2, not 1.
            throw authentication;
        }

        var failureMessage = progress.ListFailure is { } listFailure
            ? $"listing the job summaries failed, the run is incomplete: {listFailure.Message}"
            : null;
        var reportFiles = new List<string>();
        if (failureMessage is null)
        {
            reportFiles.Add(await FailureRateReport.WriteAsync(connection, request.From, request.To, request.OutputDirectory, cancellationToken));
        }

        var outcomeKind = failureMessage is not null ? RunOutcome.Failed
            : tally.Failed.Count > 0 ? RunOutcome.Partial
            : RunOutcome.Succeeded;
        var counts = new RunCounts(
            Listed: progress.Listed,
            Fetched: tally.Fetched,
            New: tally.New,
            Changed: tally.Changed,
            Unchanged: progress.Listed - tally.Fetched - tally.NotFound - tally.Failed.Count is var unchanged && unchanged > 0 ? unchanged : 0,
            NotFound: tally.NotFound,
            Failed: tally.Failed.Count,
            Requests: metrics.Requests,
            Retries: metrics.Retries,
            TooManyRequests: metrics.TooManyRequests);
        LogFinished(logger, outcomeKind, counts.Listed, counts.Fetched, counts.NotFound, counts.Failed, counts.Requests, counts.Retries);
        return new RunResult(runId, trackId, outcomeKind, counts, tally.Failed, reportFiles, failureMessage);
    }

    private static ValueTask<IReadOnlyList<string>> SelectAll(IReadOnlyList<JobListEntry> page, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(page.Select(entry => entry.Id).ToList());

    private static void Commit(SqliteConnection connection, JobRepository jobs, List<FetchOutcome> batch, Tally tally)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        var summaries = batch.OfType<FetchOutcome.Fetched>().Select(fetched => fetched.Summary).ToList();
        jobs.Upsert(summaries, transaction);
        transaction.Commit();

        tally.Fetched += summaries.Count;
        tally.NotFound += batch.Count(outcome => outcome is FetchOutcome.NotFound);
        tally.Failed.AddRange(batch.OfType<FetchOutcome.Failed>());
        batch.Clear();
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
}
