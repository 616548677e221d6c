using BulkEtl.Cli;
using BulkEtl.Cli.Composition;

namespace BulkEtl.Tests.Cli;

public sealed class ZuoraConnectionTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://rest.test.zuora.com")]
    public void ValidateBaseUrl_SafeUrls_AreAcceptedWithATrailingSlash(string url) =>
        Assert.EndsWith("/", ZuoraConnection.ValidateBaseUrl(url).AbsoluteUri);

    [Theory]
    [InlineData("http://rest.test.zuora.com")]
    [InlineData("http://10.0.0.5")]
    [InlineData("ftp://rest.zuora.com")]
    [InlineData("not a url")]
    [InlineData("https://user:pw@rest.zuora.com")]
    public void ValidateBaseUrl_UnsafeOrInvalid_IsAUsageError(string url) =>
        Assert.Throws<UsageException>(() => ZuoraConnection.ValidateBaseUrl(url));

    [Theory]
    [InlineData("http://apiuser:S3cret-pw@example.com")]
    [InlineData("https://apiuser:S3cret-pw@rest.zuora.com")]
    [InlineData("ftp://apiuser:S3cret-pw@rest.zuora.com")]
    public void ValidateBaseUrl_WithCredentialsInIt_RefusesWithoutPrintingThem(string url)
    {
        var exception = Assert.Throws<UsageException>(() => ZuoraConnection.ValidateBaseUrl(url));

        Assert.DoesNotContain("S3cret-pw", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FlagsAbsent_TakesTheEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["ZUORA_BASE_URL"] = "https://rest.test.zuora.com",
            ["ZUORA_CLIENT_ID"] = "id",
            ["ZUORA_CLIENT_SECRET"] = "secret",
        };

        var connection = ZuoraConnection.Resolve(null, null, null, null, name => environment.GetValueOrDefault(name));

        Assert.Equal("https://rest.test.zuora.com/", connection.BaseUrl.AbsoluteUri);
        Assert.Equal(("id", "secret"), (connection.ClientId, connection.ClientSecret));
        Assert.Null(connection.Token);
    }

    [Fact]
    public void Resolve_TokenFlag_IgnoresEnvironmentClientCredentials()
    {
        var environment = new Dictionary<string, string> { ["ZUORA_CLIENT_ID"] = "id", ["ZUORA_CLIENT_SECRET"] = "secret" };

        var connection = ZuoraConnection.Resolve("https://rest.zuora.com", "tok", null, null, name => environment.GetValueOrDefault(name));

        Assert.Equal("tok", connection.Token);
        Assert.Null(connection.ClientId);
    }

    [Fact]
    public void Resolve_TokenAndClientCredentials_IsAUsageError() =>
        Assert.Throws<UsageException>(() => ZuoraConnection.Resolve("https://rest.zuora.com", "tok", "id", "secret", NoEnvironment));

    [Fact]
    public void Resolve_ClientIdWithoutSecret_IsAUsageError() =>
        Assert.Throws<UsageException>(() => ZuoraConnection.Resolve("https://rest.zuora.com", null, "id", null, NoEnvironment));

    [Fact]
    public void Resolve_NoBaseUrl_IsAUsageError() =>
        Assert.Throws<UsageException>(() => ZuoraConnection.Resolve(null, "tok", null, null, NoEnvironment));

    [Fact]
    public void ToString_OfConnectionAndOptions_NeverShowsTheSecrets()
    {
        var connection = ZuoraConnection.Resolve("https://rest.zuora.com", null, "client-id", "the-client-secret", NoEnvironment);
        var options = new BulkEtl.Extract.ZuoraOptions
        {
            BaseUrl = connection.BaseUrl, Token = "the-token", ClientSecret = "the-client-secret", TrackId = "t",
        };

        var printed = connection.ToString() + options.ToString();

        Assert.DoesNotContain("the-client-secret", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("the-token", printed, StringComparison.Ordinal);
        Assert.Contains("client-id", printed, StringComparison.Ordinal);
    }
}
