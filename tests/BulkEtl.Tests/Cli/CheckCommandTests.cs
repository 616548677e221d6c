using System.Net;
using System.Net.Sockets;
using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Cli;

/// <summary><c>bulk-etl check</c> against the simulator: the facts when healthy, exit 2 with the reason when not.</summary>
public sealed class CheckCommandTests
{
    private static string[] Check(string baseUrl, string clientId, string clientSecret) =>
        ["check", "--base-url", baseUrl, "--client-id", clientId, "--client-secret", clientSecret, "--retry-base-delay", "0.01", "--retry-max-delay", "0.05"];

    [Fact]
    public async Task Check_HealthyTenant_ExitsZeroWithTheFacts()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 30);
        var options = night.Simulator.Options;

        var result = await CliRunner.RunAsync(Check(night.Simulator.BaseUrl.ToString(), options.ClientId, options.ClientSecret));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Contains("reachable:      yes", result.Output, StringComparison.Ordinal);
        Assert.Contains("authenticated:  yes", result.Output, StringComparison.Ordinal);
        Assert.Contains("jobs visible:   30 on the first page", result.Output, StringComparison.Ordinal);
        Assert.Contains("summary:        read job ", result.Output, StringComparison.Ordinal);
        Assert.Contains("gzip:           on", result.Output, StringComparison.Ordinal);
        Assert.Contains("track id:       echoed (bulk-etl-", result.Output, StringComparison.Ordinal);
        Assert.Contains("concurrency:    10 fetches", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(options.ClientSecret, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, "nextPageCursor", "list cursor:    none: the tenant fits in one page (30 of 50 asked)")]
    [InlineData(80, "nextPageCursor", "list cursor:    nextPageCursor (more pages follow)")]
    [InlineData(80, "next_page", "list cursor:    next_page (more pages follow)")]
    [InlineData(80, "continuationToken", "list cursor:    none under nextPageCursor or next_page, but the full first page carries other top-level fields (continuationToken)")]
    public async Task Check_PrintsWhichCursorFieldItSawOrThatTheTenantFitsInOnePage(int jobs, string field, string expected)
    {
        await using var night = await SimulatedNight.StartAsync(jobs, new BulkEtl.Simulator.FaultOptions
        {
            Dialect = new BulkEtl.Simulator.ZuoraDialect { CursorField = field },
        });
        var options = night.Simulator.Options;

        var result = await CliRunner.RunAsync(Check(night.Simulator.BaseUrl.ToString(), options.ClientId, options.ClientSecret));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongCredentials_ExitsTwoSayingNotAuthenticated()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 5);

        var result = await CliRunner.RunAsync(Check(night.Simulator.BaseUrl.ToString(), night.Simulator.Options.ClientId, "wrong-secret-789"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("not authenticated", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-789", result.Output + result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public async Task Check_WrongBearerToken_ExitsTwoSayingNotAuthenticated()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 5);

        var result = await CliRunner.RunAsync("check", "--base-url", night.Simulator.BaseUrl.ToString(), "--token", "not-the-token-321");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("not authenticated", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-321", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BaseUrlWithV1_ExitsTwoSayingWrongBaseUrl()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 5);
        var options = night.Simulator.Options;

        var result = await CliRunner.RunAsync(Check(night.Simulator.BaseUrl + "v1/", options.ClientId, options.ClientSecret));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("wrong base URL", result.Error, StringComparison.Ordinal);
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ClosedPort_ExitsTwoSayingUnreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CliRunner.RunAsync(Check($"http://127.0.0.1:{port}", "id", "secret"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("unreachable", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public async Task Check_PlainHttpToAnotherHost_ExitsTwoBeforeAnyCall()
    {
        var result = await CliRunner.RunAsync(Check("http://zuora.example.com", "id", "secret"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("plain http", result.Error, StringComparison.Ordinal);
    }
}
