using BulkEtl.Cli;
using BulkEtl.Cli.Composition;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Cli;

public sealed class ZuoraConnectionTests
{
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
    public async Task Run_NoFlags_TakesTheShortcutVariables()
    {
        var variables = new Dictionary<string, string>
        {
            ["ZUORA_BASE_URL"] = "https://rest.test.zuora.com",
            ["ZUORA_CLIENT_ID"] = "id",
            ["ZUORA_CLIENT_SECRET"] = "secret",
        };

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "config", "show");

        Assert.Contains("https://rest.test.zuora.com  (environment variable ZUORA_BASE_URL)", result.Output, StringComparison.Ordinal);
        Assert.Contains("id  (environment variable ZUORA_CLIENT_ID)", result.Output, StringComparison.Ordinal);
        Assert.Contains("***  (environment variable ZUORA_CLIENT_SECRET)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TokenFlag_IgnoresEnvironmentClientCredentials()
    {
        var variables = new Dictionary<string, string> { ["ZUORA_CLIENT_ID"] = "id", ["ZUORA_CLIENT_SECRET"] = "secret" };

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "config", "show", "--token", "tok");

        var lines = result.Output.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("Zuora:Token", StringComparison.Ordinal) && line.EndsWith("***  (flag --token)", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Zuora:ClientId", StringComparison.Ordinal) && line.EndsWith("(not set)", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_TokenAndClientCredentials_IsAUsageError() =>
        Assert.Throws<UsageException>(() => ZuoraConnection.Create("https://rest.zuora.com", "tok", "id", "secret"));

    [Fact]
    public void Create_ClientIdWithoutSecret_IsAUsageError() =>
        Assert.Throws<UsageException>(() => ZuoraConnection.Create("https://rest.zuora.com", null, "id", null));

    [Fact]
    public async Task Run_NoBaseUrlAnywhere_ExitsTwoSayingWhereToSetIt()
    {
        var result = await CliRunner.WithEnvironmentAsync(new Dictionary<string, string>(), null, "run", "--token", "tok", "--db", "never.db");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no Zuora base URL", result.Error, StringComparison.Ordinal);
        Assert.Contains("BULKETL__ZUORA__BASEURL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_OfConnectionAndOptions_NeverShowsTheSecrets()
    {
        var connection = ZuoraConnection.Create("https://rest.zuora.com", null, "client-id", "the-client-secret");
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
