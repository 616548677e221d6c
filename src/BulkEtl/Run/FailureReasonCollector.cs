using BulkEtl.Extract;
using BulkEtl.Reasons;
using BulkEtl.Store;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace BulkEtl.Run;

/// <summary>
/// Why rows fail: for each final job with failed rows whose reasons are not stored, asks Zuora for its downloads,
/// streams its error-rows file (CSV or JSON lines) from the file host and stores per fingerprint how many rows failed.
/// A job without an error file, or whose downloads answer 404 (Zuora's answer for a job that did not complete), gets
/// its summary's failureReason, fingerprinted, for all its failed rows; with no failureReason either it is asked again
/// on at most <see cref="RetryNights"/> more nights, then recorded as having no error file. A job whose file cannot be
/// read is counted and logged, never fatal, and tried again the next night; an expired link is asked for again once.
/// The whole step has a deadline, after which the jobs not done are left for the next night.
/// </summary>
internal sealed partial class FailureReasonCollector(FailureFileClient files, FailureFileOptions options, TimeProvider timeProvider,
    ILogger<FailureReasonCollector> logger)
{
    /// <summary>Nights after the first on which a job with neither a file nor a failureReason is asked again.</summary>
    public const int RetryNights = 3;

    /// <summary>Jobs read at once; Zuora calls also queue on the client's own limiter.</summary>
    private const int Parallelism = 4;

    /// <summary>
    /// Every entity in turn, each one's jobs asked under its own header and token (another entity's job would answer
    /// 404 there), with its own client. Counts are summed; the deadline covers them all.
    /// </summary>
    public async Task<FailureReasonCounts> CollectAsync(SqliteConnection connection, Guid runId, TenantEntities entities,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.Deadline, timeProvider);
        var total = FailureReasonCounts.Zero;
        foreach (var entity in entities.Entities)
        {
            total = total.Add(await CollectAsync(connection, runId, entity.Client, entities.FilterOf(entity), deadline.Token, cancellationToken));
        }

        if (total.Deferred > 0)
        {
            LogDeadline(logger, options.Deadline, total.Deferred);
        }

        return total;
    }

    private async Task<FailureReasonCounts> CollectAsync(SqliteConnection connection, Guid runId, ZuoraClient zuora, EntityFilter? entity,
        CancellationToken deadline, CancellationToken cancellationToken)
    {
        var repository = new FailureReasonRepository(connection, timeProvider);
        var pending = repository.Pending(entity);
        long collected = 0, failed = 0, unavailable = 0, renewed = 0, fileUnavailable = 0, unreadable = 0, noErrorFile = 0, deferred = 0;
        var storeLock = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline);
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stop.Token },
                async (job, token) =>
                {
                    try
                    {
                        var (outcome, reasons, renewals) = await ReadAsync(zuora, job, token);
                        Interlocked.Add(ref renewed, renewals);
                        await storeLock.WaitAsync(token);
                        try
                        {
                            switch (outcome)
                            {
                                case JobOutcome.Collected:
                                    repository.Store(job.JobId, runId, reasons!.Source, reasons.Rows,
                                        reasons.Reasons.Select(pair => new StoredFailureReason(pair.Key.Code, pair.Key.Category, pair.Key.Reason, pair.Value)));
                                    Interlocked.Increment(ref collected);
                                    break;
                                case JobOutcome.FileUnavailable:
                                    Interlocked.Increment(ref fileUnavailable);
                                    LogFileUnavailable(logger, job.JobId);
                                    break;
                                default:
                                    Interlocked.Increment(ref unavailable);
                                    var gaveUp = repository.RecordNoFile(job.JobId, runId, 1 + RetryNights);
                                    if (gaveUp)
                                    {
                                        Interlocked.Increment(ref noErrorFile);
                                    }

                                    LogUnavailable(logger, job.JobId, job.Status ?? "unknown", gaveUp);
                                    break;
                            }
                        }
                        finally
                        {
                            storeLock.Release();
                        }
                    }
                    catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref deferred);
                    }
                    catch (FailureFileUnreadableException exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref unreadable);
                        LogUnreadable(logger, job.JobId, exception.Message);
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
            // Stopped early on purpose (the deadline, or Zuora will not answer): the jobs not reached are counted below.
        }

        var notReached = pending.Count - collected - failed - unavailable - fileUnavailable - unreadable - deferred;
        if (deadline.IsCancellationRequested)
        {
            deferred += notReached;
        }
        else
        {
            failed += notReached;
        }

        var counts = new FailureReasonCounts(pending.Count, collected, failed, unavailable, renewed, fileUnavailable, unreadable, noErrorFile, deferred);
        LogCollected(logger, counts.Pending, counts.Collected, counts.Failed, counts.Unavailable, counts.LinksRenewed, counts.FileUnavailable,
            counts.Unreadable, counts.NoErrorFile, counts.Deferred);
        return counts;
    }

    private async Task<(JobOutcome Outcome, CollectedReasons? Reasons, int Renewals)> ReadAsync(ZuoraClient zuora, PendingFailureReasons job,
        CancellationToken cancellationToken)
    {
        for (var renewals = 0; ; renewals++)
        {
            // Null: 404, Zuora's answer for a job that did not complete (or is unknown); the summary's reason is all there is.
            var downloads = await zuora.GetDownloadsAsync(job.JobId, cancellationToken);
            if (downloads?.ErrorRowsFile is not { } errorRows)
            {
                return FromSummary(job) is { } reasons ? (JobOutcome.Collected, reasons, renewals) : (JobOutcome.NoFile, null, renewals);
            }

            try
            {
                var sourceHeader = await SourceHeaderAsync(job, downloads, cancellationToken);
                var tally = await files.FingerprintErrorRowsAsync(job.JobId, errorRows, downloads.Delimiter, job.FileType, sourceHeader, cancellationToken);
                return (JobOutcome.Collected, new CollectedReasons(FailureReasonRepository.FromErrorFile, tally.Rows, tally.Reasons), renewals);
            }
            catch (FailureFileLinkExpiredException) when (renewals == 0)
            {
                LogLinkExpired(logger, job.JobId);
            }
            catch (FailureFileLinkExpiredException)
            {
                // A fresh link refused too: the object is gone or not ours to read tonight. Asked again next night, never in a loop.
                return (JobOutcome.FileUnavailable, null, renewals);
            }
        }
    }

    /// <summary>The source file's header, or null when there is none or it cannot be read (the name rule then decides).</summary>
    private async Task<IReadOnlyList<string>?> SourceHeaderAsync(PendingFailureReasons job, JobDownloads downloads, CancellationToken cancellationToken)
    {
        if (downloads.SourceFile is not { } source)
        {
            return null;
        }

        try
        {
            return await files.ReadHeaderAsync(job.JobId, source, downloads.Delimiter, job.FileType, cancellationToken);
        }
        catch (FailureFileException exception) when (exception is not FailureFileLinkExpiredException)
        {
            LogNoSourceHeader(logger, job.JobId, exception.Message);
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

    private enum JobOutcome
    {
        Collected,
        NoFile,
        FileUnavailable,
    }

    private sealed record CollectedReasons(string Source, long Rows, IReadOnlyDictionary<FailureFingerprint, long> Reasons);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Failure reasons: {Pending} job(s) pending, {Collected} collected, {Failed} failed (tried again next run), {Unavailable} without a file or reason yet, {Renewed} expired link(s) renewed, {FileUnavailable} file(s) unavailable, {Unreadable} unreadable file(s), {NoErrorFile} recorded as no error file, {Deferred} left for the next night")]
    private static partial void LogCollected(ILogger logger, long pending, long collected, long failed, long unavailable, long renewed,
        long fileUnavailable, long unreadable, long noErrorFile, long deferred);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failure reasons of job {JobId} not collected (tried again next run): {Reason}")]
    private static partial void LogJobFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failure reasons of job {JobId} not collected (tried again next run): {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Failure reasons of job {JobId}: file unavailable, the file host refused a fresh link too (403); tried again next run")]
    private static partial void LogFileUnavailable(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Failure reasons of job {JobId} ({Status}): no error file and no failureReason; recorded as no error file: {GaveUp}")]
    private static partial void LogUnavailable(ILogger logger, string jobId, string status, bool gaveUp);

    [LoggerMessage(Level = LogLevel.Information, Message = "The file link of job {JobId} expired; asking Zuora for its downloads again")]
    private static partial void LogLinkExpired(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source header of job {JobId} not read ({Reason}); error columns found by name")]
    private static partial void LogNoSourceHeader(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Failure reasons: the step's deadline of {Deadline} passed; {Deferred} job(s) are left for the next night")]
    private static partial void LogDeadline(ILogger logger, TimeSpan deadline, long deferred);
}
