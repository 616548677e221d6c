using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Simulator;

/// <summary><c>bulk-etl simulate</c> serves the issue-8 faults its flags ask for.</summary>
public sealed class SimulateCommandFaultFlagTests
{
    [Fact]
    public async Task Simulate_FaultFlags_AreServed()
    {
        using var child = ChildProcess.Start(
        [
            "simulate", "--port", "0", "--jobs", "7", "--seed", "3", "--list-not-found-at-page", "1", "--hostile-error-reasons",
            "--non-uuid-id-share", "1", "--token-redirect-to", "https://rest.eu.zuora.com/oauth/token",
            "--quota-exhausted-after", "2", "--quota-reset-seconds", "900",
        ]);
        try
        {
            using var http = await ClientAsync(child);

            using var token = await http.PostAsync("oauth/token", new FormUrlEncodedContent([]));
            using var notFound = await http.GetAsync("bulk-data/bulk-jobs/summaries");
            var list = await http.GetStringAsync("bulk-data/bulk-jobs/summaries");
            using var spent = await http.GetAsync("bulk-data/bulk-jobs/summaries");

            Assert.Equal(HttpStatusCode.TemporaryRedirect, token.StatusCode);
            Assert.Equal(new Uri("https://rest.eu.zuora.com/oauth/token"), token.Headers.Location);
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            using (var body = JsonDocument.Parse(await notFound.Content.ReadAsStringAsync()))
            {
                var message = body.RootElement.GetProperty("message").GetString()!;
                Assert.StartsWith("no Route matched with those values", message, StringComparison.Ordinal);
                Assert.True(message.Length > 100_000);
            }

            using (var page = JsonDocument.Parse(list))
            {
                Assert.All(page.RootElement.GetProperty("data").EnumerateArray(),
                    item => Assert.False(Guid.TryParseExact(item.GetProperty("id").GetString(), "D", out _)));
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, spent.StatusCode);
            Assert.Equal("900", spent.Headers.GetValues("ratelimit-reset").Single());
        }
        finally
        {
            await StopAsync(child);
        }
    }

    [Fact]
    public async Task Simulate_NotFoundEverywhere_AnswersTheTokenCallWithAGateway404()
    {
        using var child = ChildProcess.Start(["simulate", "--port", "0", "--jobs", "3", "--not-found-everywhere"]);
        try
        {
            using var http = await ClientAsync(child);

            using var token = await http.PostAsync("oauth/token", new FormUrlEncodedContent([]));

            Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
            Assert.Contains("no Route matched", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(child);
        }
    }

    [Fact]
    public async Task Simulate_DialectFlags_AreServed()
    {
        using var child = ChildProcess.Start(["simulate", "--port", "0", "--jobs", "60", "--cursor-field", "next_page", "--error-shape", "nested"]);
        try
        {
            using var http = await ClientAsync(child);

            using var page = JsonDocument.Parse(await http.GetStringAsync("bulk-data/bulk-jobs/summaries?limit=50"));
            using var refused = await http.GetAsync("bulk-data/bulk-jobs/summaries?limit=500");

            Assert.Equal(JsonValueKind.String, page.RootElement.GetProperty("next_page").ValueKind);
            Assert.StartsWith("""{"error":{"code":50000020""", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(child);
        }
    }

    [Theory]
    [InlineData("--non-uuid-id-share", "2")]
    [InlineData("--token-redirect-to", "relative/path")]
    [InlineData("--list-not-found-at-page", "0")]
    [InlineData("--quota-exhausted-after", "-1")]
    [InlineData("--cursor-field", "next page")]
    [InlineData("--empty-list-answer", "html")]
    [InlineData("--error-shape", "v2")]
    [InlineData("--endless-listing", "forever")]
    public async Task Simulate_BadFaultFlag_IsAUsageError(string flag, string value)
    {
        var result = await CliRunner.RunAsync("simulate", "--port", "0", flag, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(flag, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    private static async Task<HttpClient> ClientAsync(Process child)
    {
        var banner = await child.StandardOutput.ReadLineAsync() ?? "";
        var url = banner.Split(' ').First(word => word.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
        return http;
    }

    private static async Task StopAsync(Process child)
    {
        ChildProcess.Terminate(child);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await child.WaitForExitAsync(deadline.Token);
    }
}
