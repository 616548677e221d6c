using BulkEtl.Extract;

namespace BulkEtl.Tests.Extract;

public sealed class TrackIdTests
{
    [Fact]
    public void ForRun_AnyRunId_IsAValidZuoraTrackId()
    {
        var trackId = TrackId.ForRun(Guid.NewGuid());

        Assert.True(TrackId.IsValid(trackId));
        Assert.True(trackId.Length <= TrackId.MaxLength);
    }

    [Theory]
    [InlineData("has:colon")]
    [InlineData("has;semicolon")]
    [InlineData("has\"quote")]
    [InlineData("has'apostrophe")]
    [InlineData("non-ascii-é")]
    [InlineData("")]
    public void IsValid_ForbiddenCharacters_IsFalse(string value) => Assert.False(TrackId.IsValid(value));

    [Fact]
    public void IsValid_SixtyFiveCharacters_IsFalse() => Assert.False(TrackId.IsValid(new string('a', 65)));
}
