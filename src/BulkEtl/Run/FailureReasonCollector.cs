using BulkEtl.Extract;
using BulkEtl.Reasons;
using BulkEtl.Store;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace BulkEtl.Run;

/// <summary>
/// Why rows fail: for each final job with failed rows whose reasons are not stored, asks Zuora for its
/// downloads, streams its error-rows file from the file host and stores per fingerprint how many rows failed; a job
/// without an error file but with a failureReason gets that reason, fingerprinted, for all its failed rows. A job
/// whose file cannot be read is counted and logged, never fatal, and tried again the next night. An expired link is
/// asked for again once.
/// </summary>
internal sealed partial class FailureReasonCollector(FailureFileClient files, TimeProvider timeProvider,
    ILogger<FailureReasonCollector> logger)
{
    /// <summary>Jobs read at once; Zuora calls also queue on the client's own limiter.</summary>
    private const int Parallelism = 4;

    /// <summary>
    /// Every entity in turn, each one's jobs asked under its own header and token (another entity's job would answer
    /// 404 there), with its own client. Counts are summed.
    /// </summary>
    public async Task<FailureReasonCounts> CollectAsync(SqliteConnection connection, Guid runId, TenantEntities entities,
        CancellationToken cancellationToken)
    {
        var total = FailureReasonCounts.Zero;
        foreach (var entity in entities.Entities)
        {
            total = total.Add(await CollectAsync(connection, runId, entity.Client, entities.FilterOf(entity), cancellationToken));
        }

        return total;
    }

    private async Task<FailureReasonCounts> CollectAsync(SqliteConnection connection, Guid runId, ZuoraClient zuora, EntityFilter? entity,
        CancellationToken cancellationToken)
    {
        var repository = new FailureReasonRepository(connection, timeProvider);
        var pending = repository.Pending(entity);
        long collected = 0, failed = 0, unavailable = 0, renewed = 0;
        var storeLock = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stop.Token },
                async (job, token) =>
                {
                    try
                    {
                        var (reasons, renewals) = await ReadAsync(zuora, job, token);
                        Interlocked.Add(ref renewed, renewals);
                        if (reasons is null)
                        {
                            Interlocked.Increment(ref unavailable);
                            LogUnavailable(logger, job.JobId);
                            return;
                        }

                        await storeLock.WaitAsync(token);
                        try
                        {
                            repository.Store(job.JobId, runId, reasons.Source, reasons.Rows,
                                reasons.Reasons.Select(pair => new StoredFailureReason(pair.Key.Code, pair.Key.Category, pair.Key.Reason, pair.Value)));
                        }
                        finally
                        {
                            storeLock.Release();
                        }

                        Interlocked.Increment(ref collected);
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsJobFailure(exception))
                    {
                        Interlocked.Increment(ref failed);
                        LogJobFailed(logger, job.JobId, Describe(exception));
                        if (EndsTheCollection(exception))
                        {
                            // Zuora will not answer more tonight (quota, circuit, credentials): the rest waits for tomorrow.
                            await stop.CancelAsync();
                        }
                    }
                });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped early on purpose; the jobs not reached are counted below.
        }

        var notReached = pending.Count - collected - failed - unavailable;
        var counts = new FailureReasonCounts(pending.Count, collected, failed + notReached, unavailable, renewed);
        LogCollected(logger, counts.Pending, counts.Collected, counts.Failed, counts.Unavailable, counts.LinksRenewed);
        return counts;
    }

    private async Task<(CollectedReasons? Reasons, int Renewals)> ReadAsync(ZuoraClient zuora, PendingFailureReasons job,
        CancellationToken cancellationToken)
    {
        for (var renewals = 0; ; renewals++)
        {
            var downloads = await zuora.GetDownloadsAsync(job.JobId, cancellationToken);
            if (downloads?.ErrorRowsFile is not { } errorRows)
            {
                return (FromSummary(job), renewals);
            }

            try
            {
                var sourceHeader = await SourceHeaderAsync(job.JobId, downloads, cancellationToken);
                var tally = await files.FingerprintErrorRowsAsync(job.JobId, errorRows, downloads.Delimiter, sourceHeader, cancellationToken);
                return (new CollectedReasons(FailureReasonRepository.FromErrorFile, tally.Rows, tally.Reasons), renewals);
            }
            catch (FailureFileLinkExpiredException) when (renewals == 0)
            {
                LogLinkExpired(logger, job.JobId);
            }
        }
    }

    /// <summary>The source file's header, or null when there is none or it cannot be read (the name rule then decides).</summary>
    private async Task<IReadOnlyList<string>?> SourceHeaderAsync(string jobId, JobDownloads downloads, CancellationToken cancellationToken)
    {
        if (downloads.SourceFile is not { } source)
        {
            return null;
        }

        try
        {
            return await files.ReadHeaderAsync(jobId, source, downloads.Delimiter, cancellationToken);
        }
        catch (FailureFileException exception) when (exception is not FailureFileLinkExpiredException)
        {
            LogNoSourceHeader(logger, jobId, exception.Message);
            return null;
        }
    }

    /// <summary>No error file: the summary's failureReason, fingerprinted, for every failed row; null when there is none.</summary>
    private static CollectedReasons? FromSummary(PendingFailureReasons job)
    {
        if (string.IsNullOrWhiteSpace(job.FailureReason))
        {
            return null;
        }

        var fingerprint = ReasonFingerprinter.Fingerprint(job.FailureReason);
        return new CollectedReasons(FailureReasonRepository.FromFailureReason, job.RowsFailed,
            new Dictionary<FailureFingerprint, long> { [fingerprint] = job.RowsFailed });
    }

    private static bool IsJobFailure(Exception exception) =>
        exception is FailureFileException or ZuoraApiException or BrokenCircuitException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException or OperationCanceledException;

    private static bool EndsTheCollection(Exception exception) =>
        exception is ZuoraQuotaExhaustedException or ZuoraConfigurationException or BrokenCircuitException;

    /// <summary>Messages built by BulkEtl name the job and the host only; anything else is clipped as server text.</summary>
    private static string Describe(Exception exception) => SafeText.Clip(exception.Message);

    private sealed record CollectedReasons(string Source, long Rows, IReadOnlyDictionary<FailureFingerprint, long> Reasons);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Failure reasons: {Pending} job(s) pending, {Collected} collected, {Failed} failed (tried again next run), {Unavailable} without a file or reason yet, {Renewed} expired link(s) renewed")]
    private static partial void LogCollected(ILogger logger, long pending, long collected, long failed, long unavailable, long renewed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failure reasons of job {JobId} not collected (tried again next run): {Reason}")]
    private static partial void LogJobFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failure reasons of job {JobId}: no error file and no failureReason yet")]
    private static partial void LogUnavailable(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The file link of job {JobId} expired; asking Zuora for its downloads again")]
    private static partial void LogLinkExpired(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source header of job {JobId} not read ({Reason}); error columns found by name")]
    private static partial void LogNoSourceHeader(ILogger logger, string jobId, string reason);
}
