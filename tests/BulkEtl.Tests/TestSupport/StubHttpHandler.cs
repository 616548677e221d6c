using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace BulkEtl.Tests.TestSupport;

/// <summary>
/// An HTTP peer in memory, for unit tests of the client's reading of answers that no real server should give: each
/// request is recorded and answered by the test's function.
/// </summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int _calls;

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Json(HttpStatusCode status, byte[] json) =>
        new(status) { Content = new ByteArrayContent(json) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var index = Interlocked.Increment(ref _calls) - 1;
        Calls.Enqueue(new RecordedCall(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        return answer(request, index);
    }

    internal sealed record RecordedCall(string Method, Uri Uri, string? Authorization, string? Body)
    {
        public string PathAndQuery => Uri.PathAndQuery;
    }
}
