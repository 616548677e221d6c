using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Simulator;

namespace BulkEtl.Tests.Simulator;

/// <summary>
/// The simulator's dialect options (cursor name, error shape, empty tenant's 404) and its strictness on multi-entity
/// tenants, over real loopback HTTP.
/// </summary>
public sealed class ZuoraDialectTests
{
    private const string EntityA = "8ad08e8a-7f1b-4e2c-9d3a-1b2c3d4e5f60";
    private const string EntityB = "9bd08e8a-7f1b-4e2c-9d3a-1b2c3d4e5f61";

    [Theory]
    [InlineData("nextPageCursor")]
    [InlineData("next_page")]
    [InlineData("continuationToken")]
    public async Task List_CursorField_IsWrittenUnderTheNameAskedAndFollowsAsACursor(string field)
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Jobs = 60, Faults = new FaultOptions { Dialect = new ZuoraDialect { CursorField = field } } });
        using var http = Client(simulator);

        using var first = JsonDocument.Parse(await http.GetStringAsync("bulk-data/bulk-jobs/summaries?limit=50"));
        var cursor = first.RootElement.GetProperty(field).GetString();
        using var second = JsonDocument.Parse(await http.GetStringAsync($"bulk-data/bulk-jobs/summaries?limit=50&cursor={Uri.EscapeDataString(cursor!)}"));

        Assert.Equal(["data", field], first.RootElement.EnumerateObject().Select(member => member.Name));
        Assert.Equal(10, second.RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task List_NoCursorField_WritesDataAlone()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Jobs = 60, Faults = new FaultOptions { Dialect = new ZuoraDialect { CursorField = null } } });
        using var http = Client(simulator);

        using var page = JsonDocument.Parse(await http.GetStringAsync("bulk-data/bulk-jobs/summaries?limit=50"));

        Assert.Equal(["data"], page.RootElement.EnumerateObject().Select(member => member.Name));
    }

    [Theory]
    [InlineData(ErrorShape.V1Envelope, """{"success":false,"processId":""")]
    [InlineData(ErrorShape.CodeAndMessage, """{"code":"50000020","message":"limit must be between 1 and 50"}""")]
    [InlineData(ErrorShape.NestedError, """{"error":{"code":50000020,"message":"limit must be between 1 and 50"}}""")]
    public async Task Errors_ComeInTheShapeAsked(ErrorShape shape, string expectedStart)
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Jobs = 5, Faults = new FaultOptions { Dialect = new ZuoraDialect { Errors = shape } } });
        using var http = Client(simulator);

        using var response = await http.GetAsync("bulk-data/bulk-jobs/summaries?limit=500");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expectedStart, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_ConcurrencyLimitInTheCodeAndMessageShape_SaysRequestExceededLimit()
    {
        var body = ZuoraErrors.Body(ZuoraErrors.ConcurrencyLimit, "Concurrent request limit exceeded",
            new FaultOptions { Dialect = new ZuoraDialect { Errors = ErrorShape.CodeAndMessage } });

        Assert.Equal("""{"code":"REQUEST_EXCEEDED_LIMIT","message":"Concurrent request limit exceeded"}""", System.Text.Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData(EmptyListAnswer.Envelope, "\"code\":50000040")]
    [InlineData(EmptyListAnswer.EnvelopeWithoutCode, "\"reasons\":[{\"message\":\"No job summaries found\"}]")]
    [InlineData(EmptyListAnswer.Gateway, """{"message":"no Route matched with those values"}""")]
    public async Task List_EmptyTenant_Answers404WithTheBodyAsked(EmptyListAnswer answer, string expected)
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Jobs = 0, Faults = new FaultOptions { Dialect = new ZuoraDialect { EmptyList = answer } } });
        using var http = Client(simulator);

        using var response = await http.GetAsync("bulk-data/bulk-jobs/summaries?limit=50");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataCall_WithoutAnEntityHeaderOnAMultiEntityTenant_Answers400()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Jobs = 5, EntityIds = [EntityA, EntityB] });
        using var http = Client(simulator);
        var job = simulator.Jobs[0].Id;

        using var withoutList = await http.GetAsync("bulk-data/bulk-jobs/summaries?limit=50");
        using var withoutSummary = await http.GetAsync($"bulk-data/bulk-jobs/{job}/summary");
        http.DefaultRequestHeaders.Add("Zuora-Entity-Ids", EntityA);
        using var with = await http.GetAsync($"bulk-data/bulk-jobs/{job}/summary");

        Assert.Equal(HttpStatusCode.BadRequest, withoutList.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutSummary.StatusCode);
        Assert.Contains("Zuora-Entity-Ids", await withoutList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task DataCall_WithoutAnEntityHeaderOnASingleEntityTenant_IsAnswered()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Jobs = 5 });
        using var http = Client(simulator);

        using var response = await http.GetAsync("bulk-data/bulk-jobs/summaries?limit=50");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<ZuoraSimulator> StartAsync(SimulatorOptions options) =>
        ZuoraSimulator.StartAsync(options with { Seed = 3, Now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero) });

    private static HttpClient Client(ZuoraSimulator simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
        return http;
    }
}
