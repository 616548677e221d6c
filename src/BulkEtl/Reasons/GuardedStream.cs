namespace BulkEtl.Reasons;

/// <summary>
/// A read-only stream whose every read honours <c>stop</c> and gives up after <c>idleTimeout</c> without a byte, whatever
/// token its caller passes: CsvHelper and StreamReader read with no token at all, so without this a host that trickles
/// a byte now and then would hold a night, and a SIGTERM, for good.
/// </summary>
internal sealed class GuardedStream(Stream inner, TimeSpan idleTimeout, Func<Exception> idle, CancellationToken stop) : ReadOnlyWrapperStream(inner)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
        guard.CancelAfter(idleTimeout);
        try
        {
            return await Inner.ReadAsync(buffer, guard.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw idle();
        }
        catch (ObjectDisposedException exception) when (guard.IsCancellationRequested)
        {
            // A cancelled read disposes the connection under a gzip stream, which then reports the disposal instead.
            if (!stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw idle();
            }

            throw new OperationCanceledException(exception.Message, exception, guard.Token);
        }
    }
}
