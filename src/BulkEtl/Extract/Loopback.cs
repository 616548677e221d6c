using System.Net;

namespace BulkEtl.Extract;

/// <summary>The one rule for "this machine", the only host plain http may reach (the simulator, tests).</summary>
internal static class Loopback
{
    /// <summary>
    /// Whether an absolute URI names this machine: localhost or a loopback address. DnsSafeHost, not Host: it drops an
    /// IPv6 address's brackets, which <see cref="IPAddress.TryParse(string, out IPAddress)"/> would not take.
    /// </summary>
    public static bool Is(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
