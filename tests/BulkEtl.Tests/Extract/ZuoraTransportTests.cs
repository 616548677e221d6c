using System.Globalization;
using System.Net;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace BulkEtl.Tests.Extract;

/// <summary>One HTTP attempt: the run's headers out, and every answer sorted into a result or the right exception.</summary>
public sealed class ZuoraTransportTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly List<HttpRequestMessage> _seen = [];
    private HttpClient? _http;

    public void Dispose() => _http?.Dispose();

    [Fact]
    public async Task SendOnceAsync_AnyRequest_CarriesTrackIdEntityOrgIdsAndAcceptsGzip()
    {
        var transport = Transport((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, "{}"),
            options => options with { EntityId = "entity-7", OrgIds = ["org-1", "org-2"] });

        await transport.SendOnceAsync(Get(), CancellationToken.None);

        var sent = Assert.Single(_seen);
        Assert.Equal("track-77", Assert.Single(sent.Headers.GetValues("Zuora-Track-Id")));
        Assert.Equal("entity-7", Assert.Single(sent.Headers.GetValues("Zuora-Entity-Ids")));
        Assert.Equal("org-1,org-2", Assert.Single(sent.Headers.GetValues("Zuora-Org-Ids")));
        Assert.Single(sent.Headers.AcceptEncoding, value => value.Value == "gzip");
    }

    [Fact]
    public async Task SendOnceAsync_NoEntityOrOrgConfigured_SendsNeitherHeader()
    {
        var transport = Transport((_, _) => StubHttpHandler.Json(HttpStatusCode.OK, "{}"));

        await transport.SendOnceAsync(Get(), CancellationToken.None);

        var sent = Assert.Single(_seen);
        Assert.False(sent.Headers.Contains("Zuora-Entity-Ids"));
        Assert.False(sent.Headers.Contains("Zuora-Org-Ids"));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task SendOnceAsync_TransientStatus_ThrowsTransientWithTheStatus(HttpStatusCode status)
    {
        var transport = Transport((_, _) => StubHttpHandler.Json(status, """{"message":"busy"}"""));

        var error = await Assert.ThrowsAsync<TransientZuoraException>(() => transport.SendOnceAsync(Get(), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains("busy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task SendOnceAsync_PermanentStatus_ReturnsTheAnswer(HttpStatusCode status)
    {
        var transport = Transport((_, _) => StubHttpHandler.Json(status, """{"message":"no"}"""));

        var response = await transport.SendOnceAsync(Get(), CancellationToken.None);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("""{"message":"no"}""", response.BodyText);
    }

    [Fact]
    public async Task SendOnceAsync_RetryAfterSeconds_IsTheWait()
    {
        var transport = Transport((_, _) => WithRetryAfter(HttpStatusCode.ServiceUnavailable, response => response.Headers.Add("Retry-After", "7")));

        var error = await Assert.ThrowsAsync<TransientZuoraException>(() => transport.SendOnceAsync(Get(), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(-30, 0)]
    public async Task SendOnceAsync_RetryAfterHttpDate_IsTheTimeUntilThatDateOnTheClock(int secondsFromNow, int expectedSeconds)
    {
        var date = Now.AddSeconds(secondsFromNow).ToString("R", CultureInfo.InvariantCulture);
        var transport = Transport((_, _) => WithRetryAfter(HttpStatusCode.TooManyRequests, response => response.Headers.Add("Retry-After", date)));

        var error = await Assert.ThrowsAsync<TransientZuoraException>(() => transport.SendOnceAsync(Get(), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), error.RetryAfter);
    }

    [Fact]
    public async Task SendOnceAsync_NoRetryAfter_LeavesTheWaitToThePipeline()
    {
        var transport = Transport((_, _) => StubHttpHandler.Json(HttpStatusCode.BadGateway, "{}"));

        var error = await Assert.ThrowsAsync<TransientZuoraException>(() => transport.SendOnceAsync(Get(), CancellationToken.None));

        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task SendOnceAsync_BodyCutOffMidway_ThrowsTransient()
    {
        var transport = Transport((_, _) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new CutOffStream("""{"data":[{"id":"""u8.ToArray())),
        });

        var error = await Assert.ThrowsAsync<TransientZuoraException>(() => transport.SendOnceAsync(Get(), CancellationToken.None));

        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task SendOnceAsync_BodyAtTheCap_IsRead()
    {
        var transport = Transport((_, _) => Streamed(new string('x', 100)), options => options with { Resilience = options.Resilience with { MaxResponseBytes = 100 } });

        var response = await transport.SendOnceAsync(Get(), CancellationToken.None);

        Assert.Equal(100, response.Body.Length);
    }

    [Fact]
    public async Task SendOnceAsync_StreamedBodyOverTheCap_ThrowsRecordError()
    {
        var transport = Transport((_, _) => Streamed(new string('x', 101)), options => options with { Resilience = options.Resilience with { MaxResponseBytes = 100 } });

        var error = await Assert.ThrowsAsync<ZuoraRecordException>(() => transport.SendOnceAsync(Get(), CancellationToken.None));

        Assert.Contains("100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendOnceAsync_DeclaredLengthOverTheCap_RefusedWithoutReadingTheBody()
    {
        var body = new UnreadableStream();
        var transport = Transport((_, _) =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = 1_000;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }, options => options with { Resilience = options.Resilience with { MaxResponseBytes = 100 } });

        await Assert.ThrowsAsync<ZuoraRecordException>(() => transport.SendOnceAsync(Get(), CancellationToken.None));

        Assert.False(body.WasRead);
    }

    private ZuoraTransport Transport(Func<HttpRequestMessage, int, HttpResponseMessage> answer, Func<ZuoraOptions, ZuoraOptions>? configure = null)
    {
        var handler = new StubHttpHandler((request, index) =>
        {
            _seen.Add(request);
            return answer(request, index);
        });
        _http = new HttpClient(handler) { BaseAddress = ClientHarness.BaseUrl };
        var options = new ZuoraOptions { BaseUrl = ClientHarness.BaseUrl, TrackId = "track-77" };
        return new ZuoraTransport(_http, configure?.Invoke(options) ?? options, ResiliencePipeline.Empty, new ZuoraCallMetrics(), _clock);
    }

    private static HttpRequestMessage Get() => new(HttpMethod.Get, "bulk-data/bulk-jobs/summaries");

    private static HttpResponseMessage WithRetryAfter(HttpStatusCode status, Action<HttpResponseMessage> addHeader)
    {
        var response = StubHttpHandler.Json(status, "{}");
        addHeader(response);
        return response;
    }

    /// <summary>A body with no Content-Length, so only reading it can tell its size.</summary>
    private static HttpResponseMessage Streamed(string text)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnseekableStream(System.Text.Encoding.ASCII.GetBytes(text))) };
        Assert.Null(response.Content.Headers.ContentLength);
        return response;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>Gives its bytes, then fails as a connection reset mid-body does.</summary>
    private sealed class CutOffStream(byte[] head) : MemoryStream(head)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, count) is var read and > 0 ? read : throw new IOException("connection reset by peer");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            await base.ReadAsync(buffer, cancellationToken) is var read and > 0 ? read : throw new IOException("connection reset by peer");
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public bool WasRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            WasRead = true;
            return 0;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WasRead = true;
            return ValueTask.FromResult(0);
        }
    }
}
