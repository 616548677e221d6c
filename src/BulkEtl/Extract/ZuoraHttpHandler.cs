using System.Net;
using System.Net.Sockets;

namespace BulkEtl.Extract;

/// <summary>The one set of socket settings for BulkEtl's outbound calls: Zuora's API and the file host its links name.</summary>
internal static class ZuoraHttpHandler
{
    /// <summary>
    /// Follows no redirect (one could carry the client secret, the token or a signed link to another host), keeps no
    /// cookie (one set under one entity would ride along with another entity's calls), decodes gzip, gives up a connect
    /// after 15 s, and renews pooled connections every 5 minutes so DNS changes are seen. With
    /// <paramref name="publicAddressesOnly"/>, every connection is checked when it is made, against the addresses the
    /// name resolves to at that moment, so a DNS answer cannot switch a link to this machine or the private network.
    /// </summary>
    public static SocketsHttpHandler Create(int? maxConnectionsPerServer = null, bool publicAddressesOnly = false)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (maxConnectionsPerServer is { } connections)
        {
            handler.MaxConnectionsPerServer = connections;
        }

        if (publicAddressesOnly)
        {
            handler.ConnectCallback = ConnectToPublicAddressAsync;
        }

        return handler;
    }

    /// <summary>Resolves the host, keeps its public addresses only, and connects to one of them; none public: refused.</summary>
    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = resolved.Where(PublicAddress.Is).ToArray();
        if (allowed.Length == 0)
        {
            throw new NonPublicAddressException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
