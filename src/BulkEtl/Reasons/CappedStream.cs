namespace BulkEtl.Reasons;

/// <summary>A read-only stream that fails once more than <c>limit</c> bytes have come through it: the cap holds while a
/// file streams, decompressed, so neither a huge file nor a gzip bomb is ever held or read past it.</summary>
internal sealed class CappedStream(Stream inner, long limit, Func<Exception> overLimit) : ReadOnlyWrapperStream(inner)
{
    private long _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw overLimit() : read;
    }
}
