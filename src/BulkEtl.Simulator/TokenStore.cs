using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary>The one place OAuth tokens are minted, checked and revoked; expiry runs on the options' clock.</summary>
internal sealed class TokenStore(SimulatorOptions options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _everIssued = new(StringComparer.Ordinal);

    /// <summary>Every token handed out so far, revoked or expired ones included.</summary>
    public IReadOnlyCollection<string> EverIssued => _everIssued.Keys.ToList();

    /// <summary>Mints a token that lives <see cref="Lifetime"/> under <paramref name="faults"/>.</summary>
    public string Issue(FaultOptions faults)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _live[token] = options.TimeProvider.GetUtcNow() + Lifetime(faults);
        _everIssued[token] = true;
        return token;
    }

    /// <summary>A static token, or an issued one not revoked and not yet expired.</summary>
    public bool IsValid(string token) =>
        options.StaticTokens.Contains(token, StringComparer.Ordinal)
        || (_live.TryGetValue(token, out var expiresAt) && expiresAt > options.TimeProvider.GetUtcNow());

    /// <summary>Every token issued so far now gets 401, as after an expiry or a revocation.</summary>
    public void RevokeAll() => _live.Clear();

    /// <summary>
    /// How long a new token lives: <see cref="FaultOptions.TokenExpiresInJson"/> when it holds a number (a numeric
    /// string counts), never below 0; otherwise <see cref="SimulatorOptions.TokenLifetime"/>.
    /// </summary>
    public TimeSpan Lifetime(FaultOptions faults)
    {
        if (faults.TokenExpiresInJson is not { } raw)
        {
            return options.TokenLifetime;
        }

        return TryReadSeconds(raw, out var seconds)
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, TimeSpan.FromDays(3650).TotalSeconds))
            : options.TokenLifetime;
    }

    private static bool TryReadSeconds(string raw, out double seconds)
    {
        seconds = 0;
        try
        {
            using var document = JsonDocument.Parse(raw);
            var value = document.RootElement;
            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetDouble(out seconds),
                JsonValueKind.String => double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out seconds),
                _ => false,
            } && double.IsFinite(seconds);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
