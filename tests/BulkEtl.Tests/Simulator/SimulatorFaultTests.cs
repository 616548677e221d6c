using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Simulator;

namespace BulkEtl.Tests.Simulator;

/// <summary>The faults and the enforcement a night must never lie about, served over real loopback HTTP.</summary>
public sealed class SimulatorFaultTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private ZuoraSimulator _simulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 120, Seed = 3, Now = Now });
        _http = Client(_simulator);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Theory]
    [InlineData("51", HttpStatusCode.BadRequest)]
    [InlineData("500", HttpStatusCode.BadRequest)]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("-1", HttpStatusCode.BadRequest)]
    [InlineData("50", HttpStatusCode.OK)]
    [InlineData("1", HttpStatusCode.OK)]
    public async Task List_LimitOutsideOneToFifty_AnswersBadRequestNamingTheLimit(string limit, HttpStatusCode expected)
    {
        using var response = await _http.GetAsync($"bulk-data/bulk-jobs/summaries?limit={limit}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains("limit must be between 1 and 50", Reason(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        else
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture), body.RootElement.GetProperty("data").GetArrayLength());
        }
    }

    [Fact]
    public async Task List_NoLimit_ServesFiftyPerPage()
    {
        using var response = await _http.GetAsync("bulk-data/bulk-jobs/summaries");

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(50, body.RootElement.GetProperty("data").GetArrayLength());
    }

    private static HttpClient Client(ZuoraSimulator simulator, string? token = "sim-static-token")
    {
        var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = simulator.BaseUrl,
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static string Reason(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("reasons")[0].GetProperty("message").GetString()!;
    }
}
