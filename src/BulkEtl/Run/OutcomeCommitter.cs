using BulkEtl.Extract;
using BulkEtl.Model;
using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>
/// Takes a night's fetch outcomes as they stream and commits them in batches: when a batch is full, or when it has
/// waited <see cref="BatchInterval"/> whether or not another outcome arrives. Not-found ids are held back: whether they
/// mean "deleted" is known only once the listing is complete and plausible.
/// </summary>
internal sealed class OutcomeCommitter(RunBatchWriter writer, TimeProvider timeProvider)
{
    private const int BatchSize = 200;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(2);

    private readonly List<JobSummary> _fetched = new(BatchSize);
    private readonly List<FailedJob> _failed = [];
    private readonly List<UnreadableEntry> _unreadable = [];
    private readonly List<FailedJob> _allFailed = [];
    private readonly List<UnreadableEntry> _unaccounted = [];
    private readonly List<string> _notFound = [];
    private long _lastCommit = timeProvider.GetTimestamp();

    /// <summary>The jobs' side of the run's counts, as committed so far.</summary>
    public RunCounts Counts { get; private set; } = RunCounts.Zero;

    public IReadOnlyList<FailedJob> Failed => _allFailed;

    /// <summary>List entries without a readable job id: jobs the night could not account for.</summary>
    public IReadOnlyList<UnreadableEntry> Unaccounted => _unaccounted;

    public IReadOnlyList<string> NotFound => _notFound;

    private int Pending => _fetched.Count + _failed.Count + _unreadable.Count;

    /// <summary>
    /// Commits every outcome of <paramref name="outcomes"/>. Returns the extraction's failure, if it failed, after
    /// committing everything that arrived before it.
    /// </summary>
    public async Task<Exception?> ConsumeAsync(IAsyncEnumerable<FetchOutcome> outcomes, Action<RunCounts> committed,
        CancellationToken cancellationToken)
    {
        var enumerator = outcomes.GetAsyncEnumerator(cancellationToken);
        Task<bool>? next = null;
        try
        {
            while (true)
            {
                next ??= enumerator.MoveNextAsync().AsTask();
                if (Pending > 0 && !next.IsCompleted && !await ArrivesWithinAsync(next, cancellationToken))
                {
                    Commit(committed);
                    continue;
                }

                var more = await next;
                next = null;
                if (!more)
                {
                    break;
                }

                Add(enumerator.Current);
                if (Pending >= BatchSize)
                {
                    Commit(committed);
                }
            }

            Commit(committed);
            return null;
        }
        catch (Exception exception) when (exception is ZuoraApiException or Polly.Timeout.TimeoutRejectedException)
        {
            // What was fetched before the failure is good data: keep it.
            next = null;
            Commit(committed);
            return exception;
        }
        finally
        {
            if (next is not null)
            {
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await enumerator.DisposeAsync();
        }
    }

    /// <summary>Marks the held-back not-found ids as deleted; only for a night known to be sound.</summary>
    public void CommitNotFound()
    {
        if (_notFound.Count > 0)
        {
            Counts = Counts.Add(writer.CommitNotFound(_notFound));
        }
    }

    private void Add(FetchOutcome outcome)
    {
        switch (outcome)
        {
            case FetchOutcome.Fetched fetched:
                _fetched.Add(fetched.Summary);
                break;
            case FetchOutcome.NotFound missing:
                _notFound.Add(missing.Id);
                break;
            case FetchOutcome.Failed failed:
                _failed.Add(new FailedJob(failed.Id, failed.Reason, failed.Evidence));
                break;
            case FetchOutcome.Unreadable { Record: var record }:
                _unreadable.Add(new UnreadableEntry(record.JobId, record.Reason, record.Evidence));
                break;
        }
    }

    private void Commit(Action<RunCounts> committed)
    {
        if (Pending > 0)
        {
            Counts = Counts.Add(writer.Commit(_fetched, _failed, _unreadable));
            _allFailed.AddRange(_failed);
            _unaccounted.AddRange(_unreadable.Where(entry => entry.JobId is null));
            _fetched.Clear();
            _failed.Clear();
            _unreadable.Clear();
            committed(Counts);
        }

        _lastCommit = timeProvider.GetTimestamp();
    }

    /// <summary>Whether <paramref name="next"/> completes before the pending batch has waited its interval.</summary>
    private async Task<bool> ArrivesWithinAsync(Task<bool> next, CancellationToken cancellationToken)
    {
        var wait = BatchInterval - timeProvider.GetElapsedTime(_lastCommit);
        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(next, Task.Delay(wait, timeProvider, timer.Token));
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == next;
    }
}
