using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary>
/// A gzip body that inflates past a given size, for a job's summary: <c>{"name":"</c>, that many spaces, then
/// <c>","id":"&lt;id&gt;"}</c>. The costly part (the spaces) is compressed once per size and cached; each answer only
/// appends its id as a stored deflate block and the gzip trailer, whose CRC continues the cached one.
/// </summary>
internal static class OversizedBody
{
    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    private static readonly byte[] Start = Encoding.ASCII.GetBytes("{\"name\":\"");
    private static readonly ConcurrentDictionary<long, Lazy<Prefix>> Prefixes = new();
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The gzip body, in pieces to write one after the other, and its total length.</summary>
    public static (IReadOnlyList<ReadOnlyMemory<byte>> Pieces, long Length) For(string id, long spaces)
    {
        var prefix = Prefixes.GetOrAdd(spaces, size => new Lazy<Prefix>(() => Compress(size))).Value;
        var end = Encoding.UTF8.GetBytes("\",\"id\":" + JsonSerializer.Serialize(id) + "}");
        if (end.Length > ushort.MaxValue)
        {
            throw new ArgumentException("The id is too long for one stored block.", nameof(id));
        }

        // A final stored block (BFINAL=1, BTYPE=00) starts on the byte boundary the cached sync flush left.
        var tail = new byte[5 + end.Length + 8];
        tail[0] = 0x01;
        BitConverter.TryWriteBytes(tail.AsSpan(1, 2), (ushort)end.Length);
        BitConverter.TryWriteBytes(tail.AsSpan(3, 2), (ushort)~end.Length);
        end.CopyTo(tail, 5);
        var crc = Crc(prefix.Crc, end);
        var inflated = prefix.InflatedLength + end.Length;
        BitConverter.TryWriteBytes(tail.AsSpan(5 + end.Length, 4), crc);
        BitConverter.TryWriteBytes(tail.AsSpan(9 + end.Length, 4), (uint)(inflated & 0xFFFFFFFF));
        return ([Header, prefix.Deflated, tail], Header.Length + prefix.Deflated.Length + tail.Length);
    }

    private static Prefix Compress(long spaces)
    {
        using var output = new MemoryStream();
        var crc = Crc(0, Start);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(Start);
        for (var left = spaces; left > 0; left -= chunk.Length)
        {
            var count = (int)Math.Min(left, chunk.Length);
            deflate.Write(chunk, 0, count);
            crc = Crc(crc, chunk.AsSpan(0, count));
        }

        // A sync flush: every byte so far is out, on a byte boundary, and the stream is not final yet.
        deflate.Flush();
        return new Prefix(output.ToArray(), crc, Start.Length + spaces);
    }

    /// <summary>CRC-32 (gzip's) continued from <paramref name="crc"/> over <paramref name="data"/>.</summary>
    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private sealed record Prefix(byte[] Deflated, uint Crc, long InflatedLength);
}
