using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Simulator;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task NotFoundEverywhere_EveryPathTokenIncluded_AnswersAGatewayNotFoundThatIsNotZuoras()
    {
        _simulator.Faults = new FaultOptions { NotFoundEverywhere = true };
        var job = _simulator.Jobs[0];

        using var token = await _http.PostAsync("oauth/token", Form("sim-client", "sim-secret"));
        using var list = await _http.GetAsync("bulk-data/bulk-jobs/summaries");
        using var summary = await _http.GetAsync($"bulk-data/bulk-jobs/{job.Id}/summary");
        using var other = await _http.GetAsync("v1/bulk-data/bulk-jobs/summaries");

        foreach (var response in new[] { token, list, summary, other })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("No job summaries found", text, StringComparison.Ordinal);
            using var body = JsonDocument.Parse(text);
            Assert.Equal("no Route matched with those values", body.RootElement.GetProperty("message").GetString());
            Assert.False(body.RootElement.TryGetProperty("reasons", out _));
        }

        Assert.Equal(4, _simulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task ListNotFoundAtPage_SecondPage_AnswersGatewayNotFoundOnlyThere()
    {
        _simulator.Faults = new FaultOptions { ListNotFoundAtPage = 2 };

        using var first = await _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=10");
        var cursor = Cursor(await first.Content.ReadAsStringAsync());
        using var second = await _http.GetAsync($"bulk-data/bulk-jobs/summaries?limit=10&cursor={Uri.EscapeDataString(cursor)}");
        using var third = await _http.GetAsync($"bulk-data/bulk-jobs/summaries?limit=10&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var text = await second.Content.ReadAsStringAsync();
        Assert.DoesNotContain("No job summaries found", text, StringComparison.Ordinal);
        Assert.Contains("no Route matched with those values", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task ListPageWithoutDataAt_FirstPage_AnswersSummariesEnvelopeWithoutData()
    {
        _simulator.Faults = new FaultOptions { ListPageWithoutDataAt = 1 };

        using var first = await _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=10");
        using var second = await _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=10");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("data", out _));
        Assert.True(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(10, body.RootElement.GetProperty("summaries").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("nextPageCursor").GetString()));
        using var normal = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(10, normal.RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task OversizedBodyIds_Summary_IsGzipWithoutAskingAndInflatesPastTheSize()
    {
        const long Size = 8L * 1024 * 1024;
        var job = _simulator.Jobs[5];
        _simulator.Faults = new FaultOptions { OversizedBodyIds = new HashSet<string> { job.Id }, OversizedBodyBytes = Size };

        using var response = await _http.GetAsync($"bulk-data/bulk-jobs/{job.Id}/summary");
        var compressed = await response.Content.ReadAsByteArrayAsync();
        using var again = await _http.GetAsync($"bulk-data/bulk-jobs/{job.Id}/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.InRange(compressed.Length, 1, Size / 100);
        Assert.Equal(compressed, await again.Content.ReadAsByteArrayAsync());
        // A bounded read: never more than the size plus a little, however far the body would inflate.
        await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while (inflated.Length <= Size + 4096 && (read = await gzip.ReadAsync(buffer)) > 0)
        {
            inflated.Write(buffer, 0, read);
        }

        Assert.True(inflated.Length > Size, $"inflated to {inflated.Length}");
        using var body = JsonDocument.Parse(inflated.ToArray());
        Assert.Equal(job.Id, body.RootElement.GetProperty("id").GetString());
        Assert.True(body.RootElement.GetProperty("name").GetString()!.Length >= Size);
    }

    [Fact]
    public async Task WrongIdIds_Summary_IsThatJobsSummaryUnderAnotherId()
    {
        var job = _simulator.Jobs[3];
        _simulator.Faults = new FaultOptions { WrongIdIds = new HashSet<string> { job.Id } };

        using var document = await GetJsonAsync($"bulk-data/bulk-jobs/{job.Id}/summary");

        var id = document.RootElement.GetProperty("id").GetString();
        Assert.NotEqual(job.Id, id);
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(job.Name, document.RootElement.GetProperty("name").GetString());
        Assert.Equal(job.ObjectType, document.RootElement.GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task TokenRedirectTo_TokenCall_AnswersTemporaryRedirectWithLocation()
    {
        var target = new Uri("https://rest.eu.zuora.com/oauth/token");
        _simulator.Faults = new FaultOptions { TokenRedirectTo = target };

        using var response = await _http.PostAsync("oauth/token", Form("sim-client", "sim-secret"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(target, response.Headers.Location);
        Assert.Empty(_simulator.IssuedTokens);
    }

    [Fact]
    public async Task RawListEntriesAndSummaries_AreWrittenVerbatimWithoutValidation()
    {
        var listed = _simulator.Jobs[0];
        var summarised = _simulator.Jobs[1];
        const string RawEntry = "{\"id\":\"a/b\",\"name\":\"bad \\q escape\",\"createdAt\":253402300800,\"rowCount\":1.5}";
        const string RawSummary = "{\"name\":\"no id\",\"createdAt\":-5,\"rowCount\":\"abc\"";
        _simulator.Faults = new FaultOptions
        {
            RawListEntries = new Dictionary<string, string> { [listed.Id] = RawEntry },
            RawSummaries = new Dictionary<string, string> { [summarised.Id] = RawSummary },
        };

        using var list = await _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=5");
        using var summary = await _http.GetAsync($"bulk-data/bulk-jobs/{summarised.Id}/summary");

        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.StartsWith("{\"data\":[" + RawEntry + ",{", listText, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(listText));
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal(RawSummary, await summary.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task QuotaExhaustedAfterCalls_LaterCallsTokenIncluded_Answer429WithTheResetAndAreCounted()
    {
        _simulator.Faults = new FaultOptions { QuotaExhaustedAfterCalls = 2, QuotaResetSeconds = 1800 };

        using var first = await _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=1");
        using var second = await _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=1");
        using var spent = await _http.GetAsync($"bulk-data/bulk-jobs/{_simulator.Jobs[0].Id}/summary");
        using var token = await _http.PostAsync("oauth/token", Form("sim-client", "sim-secret"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        foreach (var response in new[] { spent, token })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("2250000, 50000;w=60", string.Join(", ", response.Headers.GetValues("ratelimit-limit")));
            Assert.Equal("0", response.Headers.GetValues("ratelimit-remaining").Single());
            Assert.Equal("1800", response.Headers.GetValues("ratelimit-reset").Single());
            Assert.Equal(TimeSpan.FromSeconds(1800), response.Headers.RetryAfter?.Delta);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(70, body.RootElement.GetProperty("reasons")[0].GetProperty("code").GetInt32() % 100);
        }

        Assert.Equal(2, _simulator.Stats.QuotaRefusals);
        Assert.Equal(2, _simulator.Stats.TooManyRequests);
        Assert.Equal(4, _simulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task HostileErrorReasons_ErrorBodies_CarryLongMessagesWithControlsEscapesAndAFakeCredential()
    {
        _simulator.Faults = new FaultOptions { HostileErrorReasons = true };

        using var response = await _http.GetAsync("bulk-data/bulk-jobs/3a3e85c4-96e7-486b-ae02-827120104301/summary");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var message = Reason(await response.Content.ReadAsStringAsync());
        Assert.InRange(message.Length, 100_000, 200_000);
        Assert.Contains("\u001b[31m", message, StringComparison.Ordinal);
        Assert.Contains("\r\n", message, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer x", message, StringComparison.Ordinal);
        Assert.Contains(message, c => char.IsControl(c) && c is not ('\r' or '\n' or '\u001b'));
    }

    [Theory]
    [InlineData("\"3599\"", 3599)]
    [InlineData("0", 0)]
    [InlineData("-5", 0)]
    [InlineData("120.5", 121)]
    public async Task TokenExpiresInJson_IsWrittenRawAndGovernsTheTokensLife(string raw, int lifetimeSeconds)
    {
        var clock = new FakeTimeProvider(Now);
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions
        {
            Jobs = 3, Now = Now, TimeProvider = clock, TokenLifetime = TimeSpan.FromSeconds(10),
            Faults = new FaultOptions { TokenExpiresInJson = raw },
        });
        using var http = Client(simulator, token: null);

        using var issued = await http.PostAsync("oauth/token", Form("sim-client", "sim-secret"));
        var text = await issued.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", document.RootElement.GetProperty("access_token").GetString());
        var statusAt = new List<HttpStatusCode>();
        if (lifetimeSeconds > 0)
        {
            clock.Advance(TimeSpan.FromSeconds(lifetimeSeconds - 1));
            statusAt.Add((await http.GetAsync("bulk-data/bulk-jobs/summaries")).StatusCode);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        statusAt.Add((await http.GetAsync("bulk-data/bulk-jobs/summaries")).StatusCode);

        Assert.Contains($"\"expires_in\":{raw},", text, StringComparison.Ordinal);
        Assert.Equal(lifetimeSeconds > 0 ? [HttpStatusCode.OK, HttpStatusCode.Unauthorized] : [HttpStatusCode.Unauthorized], statusAt);
    }

    [Fact]
    public async Task TimeProvider_StampsRecordedRequestsAndRetryAfterDates()
    {
        var clock = new FakeTimeProvider(Now.AddYears(-3));
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions
        {
            Jobs = 3, TimeProvider = clock, Faults = new FaultOptions { RateLimitRate = 1, RetryAfterAsDate = true, RetryAfterSeconds = 30 },
        });
        using var http = Client(simulator);

        using var response = await http.GetAsync("bulk-data/bulk-jobs/summaries");

        Assert.Equal(clock.GetUtcNow().AddSeconds(30), response.Headers.RetryAfter?.Date);
        Assert.Equal(clock.GetUtcNow(), Assert.Single(simulator.Stats.Requests).ReceivedAt);
        Assert.All(simulator.Jobs, job => Assert.InRange(job.CreatedAt, clock.GetUtcNow().AddDays(-30), clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("BJ-000123_x")]
    [InlineData("8a8aa1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("A_b-C_d-E_f-0123456789abcdefABCDEF0123456789abcdefABCDEF01234567")]
    public async Task Summary_NonUuidIdUpToSixtyFourUrlSafeCharacters_IsServed(string id)
    {
        _simulator.UpsertJob(_simulator.Jobs[0] with { Id = id });

        using var document = await GetJsonAsync($"bulk-data/bulk-jobs/{id}/summary");

        Assert.Equal(id, document.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Summary_IdsAreCaseSensitive()
    {
        _simulator.UpsertJob(_simulator.Jobs[0] with { Id = "BJ-000123_x" });

        using var response = await _http.GetAsync("bulk-data/bulk-jobs/bj-000123_X/summary");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("a%2Fb")]
    [InlineData("a.b")]
    [InlineData("a%20b")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123x")]
    public async Task Summary_IdNotOneToSixtyFourUrlSafeCharacters_AnswersBadRequest(string id)
    {
        _simulator.UpsertJob(_simulator.Jobs[0] with { Id = Uri.UnescapeDataString(id) });

        using var response = await _http.GetAsync($"bulk-data/bulk-jobs/{id}/summary");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Summary_IdWithASlash_NeverReachesAJob()
    {
        _simulator.UpsertJob(_simulator.Jobs[0] with { Id = "a/b" });

        using var response = await _http.GetAsync("bulk-data/bulk-jobs/a/b/summary");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such resource", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonUuidIdShare_GeneratedTenant_HasUrlSafeNonUuidIdsFromTheSeedAndServesThem()
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 60, Seed = 5, Now = Now, NonUuidIdShare = 0.5 });
        await using var again = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 60, Seed = 5, Now = Now, NonUuidIdShare = 0.5 });
        using var http = Client(simulator);

        var ids = simulator.Jobs.Select(job => job.Id).ToList();
        var nonUuid = ids.Where(id => !Guid.TryParseExact(id, "D", out _)).ToList();
        using var document = await GetJsonAsync(http, $"bulk-data/bulk-jobs/{nonUuid[0]}/summary");

        Assert.Equal(ids, again.Jobs.Select(job => job.Id));
        Assert.InRange(nonUuid.Count, 15, 45);
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{1,64}$", id));
        Assert.Equal(nonUuid[0], document.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void NonUuidIdShare_Zero_LeavesTheTenantUnchanged()
    {
        var before = TenantGenerator.Generate(200, 42, 30, Now);
        var zero = TenantGenerator.Generate(200, 42, 30, Now, nonUuidIdShare: 0);
        var some = TenantGenerator.Generate(200, 42, 30, Now, nonUuidIdShare: 0.3);

        Assert.Equal(before, zero);
        Assert.All(before, job => Assert.True(Guid.TryParseExact(job.Id, "D", out _)));
        // Only the ids change with a share: every other field of every job stays as it was.
        Assert.Equal(before.Select(job => job with { Id = "" }).OrderBy(job => job.Name, StringComparer.Ordinal),
            some.Select(job => job with { Id = "" }).OrderBy(job => job.Name, StringComparer.Ordinal));
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

    private async Task<JsonDocument> GetJsonAsync(string path) => await GetJsonAsync(_http, path);

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Cursor(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("nextPageCursor").GetString()!;
    }

    private static FormUrlEncodedContent Form(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["grant_type"] = "client_credentials",
    });
}
