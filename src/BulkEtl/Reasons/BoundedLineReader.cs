namespace BulkEtl.Reasons;

/// <summary>
/// Reads a stream line by line (ending at \n, a trailing \r dropped) holding at most <c>maxLineBytes</c> of one line: the
/// rest of a longer line is read past and dropped, and the line comes back marked oversized, so one huge line costs a
/// row, never the memory it would take.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line (valid until the next call), or null at the end of the stream.</summary>
    public async Task<BoundedLine?> NextAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        var oversized = false;
        var any = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    return any ? Line(oversized) : null;
                }
            }

            any = true;
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            if (!oversized && _line.Length + (stop - _start) > maxLineBytes)
            {
                oversized = true;
                _line.SetLength(0);
            }

            if (!oversized)
            {
                _line.Write(_buffer, _start, stop - _start);
            }

            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                return Line(oversized);
            }
        }
    }

    private BoundedLine Line(bool oversized)
    {
        var bytes = new ReadOnlyMemory<byte>(_line.GetBuffer(), 0, (int)_line.Length);
        if (!bytes.IsEmpty && bytes.Span[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        return new BoundedLine(bytes, oversized);
    }
}
