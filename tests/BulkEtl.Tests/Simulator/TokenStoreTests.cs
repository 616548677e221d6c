using BulkEtl.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Simulator;

public sealed class TokenStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Issue_TokenLivesItsLifetimeOnTheOptionsClock()
    {
        var tokens = new TokenStore(new SimulatorOptions { TimeProvider = _clock, TokenLifetime = TimeSpan.FromSeconds(60) });

        var token = tokens.Issue(new FaultOptions());
        var atStart = tokens.IsValid(token);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var justBefore = tokens.IsValid(token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = tokens.IsValid(token);

        Assert.Equal([true, true, false], new[] { atStart, justBefore, atExpiry });
        Assert.Contains(token, tokens.EverIssued);
    }

    [Fact]
    public void RevokeAll_IssuedTokensRefused_StaticTokensStillAccepted()
    {
        var tokens = new TokenStore(new SimulatorOptions { TimeProvider = _clock });
        var token = tokens.Issue(new FaultOptions());

        tokens.RevokeAll();

        Assert.False(tokens.IsValid(token));
        Assert.True(tokens.IsValid("sim-static-token"));
        Assert.False(tokens.IsValid("never-issued"));
        Assert.Contains(token, tokens.EverIssued);
    }

    [Theory]
    [InlineData(null, 3599)]
    [InlineData("\"120\"", 120)]
    [InlineData("-5", 0)]
    [InlineData("\"soon\"", 3599)]
    public void Lifetime_ExpiresInFault_GovernsOrFallsBackToTheOptions(string? raw, int seconds)
    {
        var tokens = new TokenStore(new SimulatorOptions { TimeProvider = _clock });

        Assert.Equal(TimeSpan.FromSeconds(seconds), tokens.Lifetime(new FaultOptions { TokenExpiresInJson = raw }));
    }
}
