using System.Net;
using BulkEtl.Extract;

namespace BulkEtl.Tests.Extract;

/// <summary>The socket settings the Zuora client and the file host's client share.</summary>
public sealed class ZuoraHttpHandlerTests
{
    [Fact]
    public void Create_Always_FollowsNoRedirectKeepsNoCookieAndDecodesGzip()
    {
        using var handler = ZuoraHttpHandler.Create();

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(DecompressionMethods.GZip, handler.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromSeconds(15), handler.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
        Assert.Equal(int.MaxValue, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void Create_WithAConnectionCap_SetsIt()
    {
        using var handler = ZuoraHttpHandler.Create(12);

        Assert.Equal(12, handler.MaxConnectionsPerServer);
    }
}
