using System.Net;

namespace BulkEtl.Extract;

/// <summary>The one set of socket settings for BulkEtl's outbound calls: Zuora's API and the file host its links name.</summary>
internal static class ZuoraHttpHandler
{
    /// <summary>
    /// Follows no redirect (one could carry the client secret, the token or a signed link to another host), decodes
    /// gzip, gives up a connect after 15 s, and renews pooled connections every 5 minutes so DNS changes are seen.
    /// </summary>
    public static SocketsHttpHandler Create(int? maxConnectionsPerServer = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (maxConnectionsPerServer is { } connections)
        {
            handler.MaxConnectionsPerServer = connections;
        }

        return handler;
    }
}
