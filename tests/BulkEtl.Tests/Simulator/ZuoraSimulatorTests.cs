using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Simulator;

/// <summary>The simulator speaks Zuora's protocol faithfully over real loopback HTTP.</summary>
public sealed class ZuoraSimulatorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private ZuoraSimulator _simulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 120, Seed = 3, Now = Now, MaxPageSize = 50 });
        _http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _simulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public void Generate_SameSeedAndNow_GivesTheSameTenantWithEveryStatus()
    {
        var first = TenantGenerator.Generate(60, 9, 30, Now);
        var again = TenantGenerator.Generate(60, 9, 30, Now);
        var other = TenantGenerator.Generate(60, 10, 30, Now);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(job => job.Id), other.Select(job => job.Id));
        Assert.Equal(9, first.Select(job => job.Status).Distinct().Count());
        Assert.All(first.Where(job => job.Status is "Created" or "Submitted"), job => Assert.Null(job.RowCount));
        Assert.All(first, job => Assert.InRange(job.CreatedAt, Now.AddDays(-30), Now));
        Assert.All(first, job => Assert.True(job.LastUpdatedAt >= job.CreatedAt));
        Assert.Contains(first, job => job.IsCustomObject);
        Assert.Equal(4, first.Select(job => job.JobType).Distinct().Count());
    }

    [Fact]
    public async Task List_PagedWithCursors_ServesEveryJobOnceWithinThePageCap()
    {
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            using var document = await GetJsonAsync($"bulk-data/bulk-jobs/summaries?limit=50{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            var data = document.RootElement.GetProperty("data");
            Assert.InRange(data.GetArrayLength(), 1, 50);
            // The list has 8 fields at most (counts may be absent) and never objectType or jobType.
            Assert.All(data.EnumerateArray(), item => Assert.InRange(item.EnumerateObject().Count(), 5, 8));
            Assert.All(data.EnumerateArray(), item => Assert.False(item.TryGetProperty("objectType", out _)));
            seen.AddRange(data.EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
            cursor = document.RootElement.TryGetProperty("nextPageCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(_simulator.Jobs.Select(job => job.Id), seen);
    }

    [Fact]
    public async Task List_StatusFilter_ServesOnlyThatStatus()
    {
        using var document = await GetJsonAsync("bulk-data/bulk-jobs/summaries?limit=50&status=In%20Progress");

        var statuses = document.RootElement.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("status").GetString()).ToList();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, status => Assert.Equal("In Progress", status));
    }

    [Theory]
    [InlineData("bulk-data/bulk-jobs/summaries?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("bulk-data/bulk-jobs/summaries?cursor=garbage!", HttpStatusCode.BadRequest)]
    [InlineData("bulk-data/bulk-jobs/summaries?status=Done", HttpStatusCode.BadRequest)]
    [InlineData("bulk-data/bulk-jobs/not.an.id/summary", HttpStatusCode.BadRequest)]
    [InlineData("bulk-data/bulk-jobs/not-a-uuid/summary", HttpStatusCode.NotFound)]
    [InlineData("bulk-data/bulk-jobs/3a3e85c4-96e7-486b-ae02-827120104301/summary", HttpStatusCode.NotFound)]
    public async Task Get_BadOrUnknown_AnswersZuorasErrorShape(string path, HttpStatusCode expected)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.True(body.RootElement.GetProperty("reasons")[0].GetProperty("code").GetInt32() > 50_000_000);
    }

    [Fact]
    public async Task List_EmptyTenant_AnswersNotFound()
    {
        await using var empty = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 0, Now = Now });
        using var http = new HttpClient { BaseAddress = empty.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");

        using var response = await http.GetAsync("bulk-data/bulk-jobs/summaries");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Summary_KnownJob_ServesTheEighteenFieldsInItsTimestampShape()
    {
        var job = _simulator.Jobs.First(candidate => candidate.TimestampShape == TimestampShape.EpochMilliseconds);

        using var document = await GetJsonAsync($"bulk-data/bulk-jobs/{job.Id}/summary");

        var root = document.RootElement;
        Assert.Equal(job.ObjectType, root.GetProperty("objectType").GetString());
        Assert.Equal(job.CreatedAt.ToUnixTimeMilliseconds(), root.GetProperty("createdAt").GetInt64());
        foreach (var field in new[] { "id", "name", "description", "createdAt", "createdBy", "status", "lastUpdatedAt", "failureReason",
                     "objectType", "jobType", "isCustomObject", "customObjectNamespace", "dataSourceType", "systemType", "fileType" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Request_WithoutBearer_AnswersUnauthorized()
    {
        using var http = new HttpClient { BaseAddress = _simulator.BaseUrl };

        using var response = await http.GetAsync("bulk-data/bulk-jobs/summaries");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_GoodAndBadCredentials_IssuesOrRefusesAndExpires()
    {
        var clock = new FakeTimeProvider(Now);
        await using var shortLived = await ZuoraSimulator.StartAsync(
            new SimulatorOptions { Jobs = 3, Now = Now, TimeProvider = clock, TokenLifetime = TimeSpan.FromSeconds(300) });
        using var http = new HttpClient { BaseAddress = shortLived.BaseUrl };

        using var refused = await http.PostAsync("oauth/token", Form("sim-client", "wrong"));
        using var issued = await http.PostAsync("oauth/token", Form("sim-client", "sim-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        Assert.Equal("bearer", token.RootElement.GetProperty("token_type").GetString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("bulk-data/bulk-jobs/summaries")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("bulk-data/bulk-jobs/summaries")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("bulk-data/bulk-jobs/summaries")).StatusCode);
    }

    [Fact]
    public async Task Get_AcceptingGzip_CompressesLargeBodiesAndEchoesTheTrackId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "bulk-data/bulk-jobs/summaries?limit=50");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.Add("Zuora-Track-Id", "night-42");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        Assert.Equal("night-42", response.Headers.GetValues("Zuora-Track-Id").Single());
        Assert.True(response.Headers.Contains("Zuora-Request-Id"));
    }

    [Fact]
    public async Task Get_InvalidTrackId_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "bulk-data/bulk-jobs/summaries");
        request.Headers.TryAddWithoutValidation("Zuora-Track-Id", "has:colon");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Faults_ConcurrencyLimit_RejectsCallsPastItWithRetryAfter()
    {
        _simulator.Faults = new FaultOptions { ConcurrencyLimit = 2, Latency = TimeSpan.FromMilliseconds(200), RetryAfterSeconds = 3 };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=1")));

        var rejected = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, response => Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta));
        Assert.True(_simulator.Stats.MaxInFlight >= 3);
    }

    [Fact]
    public async Task Faults_EachKind_IsServedAsConfigured()
    {
        var job = _simulator.Jobs[0];
        var other = _simulator.Jobs[1];
        var third = _simulator.Jobs[2];
        _simulator.Faults = new FaultOptions
        {
            NotFoundIds = new HashSet<string> { job.Id },
            AlwaysFailIds = new HashSet<string> { other.Id },
            AlwaysMalformedIds = new HashSet<string> { third.Id },
        };

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"bulk-data/bulk-jobs/{job.Id}/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await _http.GetAsync($"bulk-data/bulk-jobs/{other.Id}/summary")).StatusCode);
        var malformed = await _http.GetAsync($"bulk-data/bulk-jobs/{third.Id}/summary");
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformed.Content.ReadAsStringAsync().Result));

        _simulator.Faults = new FaultOptions { TruncateRate = 1.0 };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.GetStringAsync("bulk-data/bulk-jobs/summaries?limit=50"));

        _simulator.Faults = new FaultOptions { ServerErrorBurst = 2, RetryAfterSeconds = 7 };
        var burst = await _http.GetAsync("bulk-data/bulk-jobs/summaries");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, burst.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), burst.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync("bulk-data/bulk-jobs/summaries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("bulk-data/bulk-jobs/summaries")).StatusCode);

        _simulator.Faults = new FaultOptions { RateLimitRate = 1.0 };
        var limited = await _http.GetAsync("bulk-data/bulk-jobs/summaries");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0", limited.Headers.GetValues("ratelimit-remaining").Single());
    }

    [Fact]
    public async Task Faults_SeededMix_IsReproducible()
    {
        async Task<IReadOnlyList<HttpStatusCode>> DrawAsync()
        {
            _simulator.Faults = new FaultOptions { Seed = 99, ServerErrorRate = 0.3, RateLimitRate = 0.2, RetryAfterSeconds = 0 };
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 30; i++)
            {
                using var response = await _http.GetAsync("bulk-data/bulk-jobs/summaries?limit=1");
                codes.Add(response.StatusCode);
            }

            return codes;
        }

        var first = await DrawAsync();
        var second = await DrawAsync();

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(first, code => code != HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stats_RecordRequestsWithoutTheAuthorizationHeader()
    {
        // Every header the record keeps is sent, so a recorder that kept headers wholesale (or the wrong one) would
        // have somewhere to put the token: the check below is then a real one.
        using var request = new HttpRequestMessage(HttpMethod.Get, "bulk-data/bulk-jobs/summaries?limit=1");
        request.Headers.Add("Zuora-Track-Id", "track-1");
        request.Headers.Add("Zuora-Entity-Ids", "entity-1");
        request.Headers.Add("Zuora-Org-Ids", "org-1");
        using var response = await _http.SendAsync(request);

        var recorded = Assert.Single(_simulator.Stats.Requests);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/bulk-data/bulk-jobs/summaries", recorded.Path);
        Assert.Equal(1, _simulator.Stats.ListRequests);
        Assert.Equal(("?limit=1", "track-1", "entity-1", "org-1"), (recorded.Query, recorded.TrackId, recorded.EntityIds, recorded.OrgIds));
        var texts = typeof(RecordedRequest).GetProperties()
            .Where(property => property.PropertyType == typeof(string))
            .Select(property => (property.Name, Value: (string?)property.GetValue(recorded)));
        Assert.All(texts, text => Assert.DoesNotContain("sim-static-token", text.Value ?? "", StringComparison.Ordinal));
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["grant_type"] = "client_credentials",
    });
}
