using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace BulkEtl.Simulator;

/// <summary>
/// The list's <c>nextPageCursor</c>: the <see cref="JobKey"/> of the last job served, so the next page starts right
/// after it whatever was added or removed meanwhile. Opaque to clients: base64url (no padding) of createdAt's UTC
/// ticks as 8 big-endian bytes, followed by the id in UTF-8.
/// </summary>
internal static class ListCursor
{
    private const int TicksLength = sizeof(long);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(JobKey key)
    {
        var bytes = new byte[TicksLength + StrictUtf8.GetByteCount(key.Id)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, key.CreatedAtUtcTicks);
        StrictUtf8.GetBytes(key.Id, bytes.AsSpan(TicksLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>False for anything <see cref="Encode"/> could not have written.</summary>
    public static bool TryDecode(string text, out JobKey key)
    {
        key = default;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length <= TicksLength)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        try
        {
            key = new JobKey(ticks, StrictUtf8.GetString(bytes, TicksLength, bytes.Length - TicksLength));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
