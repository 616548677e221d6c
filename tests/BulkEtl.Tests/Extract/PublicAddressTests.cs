using System.Net;
using BulkEtl.Extract;

namespace BulkEtl.Tests.Extract;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fc12::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:7f00:1::")]
    public void Is_ThisMachinePrivateLinkLocalOrMulticast_IsFalse(string address)
    {
        Assert.False(PublicAddress.Is(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("52.95.110.1")]
    [InlineData("8.8.8.8")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2600:1f18::1")]
    public void Is_APublicAddress_IsTrue(string address)
    {
        Assert.True(PublicAddress.Is(IPAddress.Parse(address)));
    }
}
