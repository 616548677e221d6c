namespace BulkEtl.Reasons;

/// <summary>
/// A read-only stream whose every read honours <c>stop</c> and gives up after <c>idleTimeout</c> without a byte, whatever
/// token its caller passes: CsvHelper and StreamReader read with no token at all, so without this a host that trickles
/// a byte now and then would hold a night, and a SIGTERM, for good.
/// </summary>
internal sealed class GuardedStream(Stream inner, TimeSpan idleTimeout, Func<Exception> idle, CancellationToken stop) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
        guard.CancelAfter(idleTimeout);
        try
        {
            return await inner.ReadAsync(buffer, guard.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw idle();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
