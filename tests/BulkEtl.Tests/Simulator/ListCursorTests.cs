using System.Text;
using BulkEtl.Simulator;

namespace BulkEtl.Tests.Simulator;

public sealed class ListCursorTests
{
    [Theory]
    [InlineData("3a3e85c4-96e7-486b-ae02-827120104301")]
    [InlineData("BJ-000123_x")]
    [InlineData("日本/a b")]
    public void Encode_ThenTryDecode_GivesTheSameKey(string id)
    {
        var key = new JobKey(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero).UtcTicks, id);

        var text = ListCursor.Encode(key);

        Assert.True(ListCursor.TryDecode(text, out var decoded));
        Assert.Equal(key, decoded);
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAA")]
    [InlineData("b2Zmc2V0OjUw")] // base64 of the old "offset:50"
    public void TryDecode_NotACursorThisSimulatorWrote_IsFalse(string text)
    {
        Assert.False(ListCursor.TryDecode(text, out _));
    }

    [Fact]
    public void TryDecode_TicksBeyondDateTimeOffset_IsFalse()
    {
        var bytes = new byte[9];
        Array.Fill(bytes, (byte)0x7F);

        Assert.False(ListCursor.TryDecode(Convert.ToBase64String(bytes).TrimEnd('='), out _));
    }

    [Fact]
    public void TryDecode_IdNotUtf8_IsFalse()
    {
        var bytes = new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0xC3, 0x28 };

        Assert.False(ListCursor.TryDecode(System.Buffers.Text.Base64Url.EncodeToString(bytes), out _));
        Assert.True(ListCursor.TryDecode(System.Buffers.Text.Base64Url.EncodeToString([.. bytes[..8], .. Encoding.UTF8.GetBytes("ok")]), out _));
    }
}
