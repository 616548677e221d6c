using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BulkEtl.Simulator;

/// <summary>Pre-signed links to the file origin: the path, an expiry (unix seconds) and an HMAC over both.</summary>
internal sealed class FileLinks(TimeProvider timeProvider)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public Uri Sign(Uri origin, string path, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Uri(origin, $"{path.TrimStart('/')}?expires={expires}&signature={Signature(path, expires)}");
    }

    /// <summary>Whether the link is signed by this origin and has not expired by the simulator's clock.</summary>
    public bool IsValid(string path, string? expires, string? signature) =>
        expires is not null && signature is not null
        && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(path, expires)), Encoding.ASCII.GetBytes(signature))
        && timeProvider.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(seconds);

    private string Signature(string path, string expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{path}\n{expires}")));
}
