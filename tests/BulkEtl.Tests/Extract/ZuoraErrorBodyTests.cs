using System.Net;
using BulkEtl.Extract;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Extract;

/// <summary>
/// Every error shape Zuora is known to send is read, and what Zuora's support asks for (processId, Zuora-Request-Id)
/// reaches the message a log line and the ledger quote.
/// </summary>
public sealed class ZuoraErrorBodyTests
{
    private const string JobA = "3a3e85c4-96e7-486b-ae02-827120104301";

    [Theory]
    [InlineData("""{"success":false,"processId":"7C1B4A","reasons":[{"code":53100020,"message":"Invalid job"}]}""", "Invalid job (code 53100020)", "7C1B4A")]
    [InlineData("""{"code":"REQUEST_EXCEEDED_LIMIT","message":"Too many concurrent requests"}""", "Too many concurrent requests (code REQUEST_EXCEEDED_LIMIT)", null)]
    [InlineData("""{"error":{"code":"53100020","message":"Invalid job"}}""", "Invalid job (code 53100020)", null)]
    public void Read_EachKnownShape_GivesMessageCodeAndProcessId(string body, string text, string? processId)
    {
        var error = ZuoraErrorBody.Read(System.Text.Encoding.UTF8.GetBytes(body), SecretMask.None)!;

        Assert.True(error.IsZuoraShape);
        Assert.Equal(text, error.Text);
        Assert.Equal(processId, error.ProcessId);
    }

    [Fact]
    public void Read_AnUnknownShape_KeepsItsFirst300CleanedCharacters()
    {
        var body = "<html>\u001b[31m" + new string('x', 1000) + "</html>";

        var error = ZuoraErrorBody.Read(System.Text.Encoding.UTF8.GetBytes(body), SecretMask.None)!;

        Assert.False(error.IsZuoraShape);
        Assert.StartsWith("<html>x", error.Message, StringComparison.Ordinal);
        Assert.Equal(301, error.Message!.Length);
        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Theory]
    [InlineData("""{"success":false,"processId":"7C1B4A","reasons":[{"code":53100020,"message":"Invalid job"}]}""", "processId 7C1B4A")]
    [InlineData("""{"code":"REQUEST_EXCEEDED_LIMIT","message":"Too many"}""", "REQUEST_EXCEEDED_LIMIT")]
    [InlineData("""{"error":{"code":"53100020","message":"Invalid job"}}""", "Invalid job (code 53100020)")]
    public async Task GetSummaryAsync_ARefusalInAnyShape_IsQuotedWithProcessIdAndRequestId(string body, string expected)
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
        {
            var response = StubHttpHandler.Json(HttpStatusCode.BadRequest, body);
            response.Headers.Add("Zuora-Request-Id", "req-0042");
            return response;
        }));

        var error = await Assert.ThrowsAsync<ZuoraApiException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Zuora-Request-Id req-0042", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSummaryAsync_ATransientFailureAfterItsRetries_KeepsProcessIdAndRequestId()
    {
        using var harness = new ClientHarness(new StubHttpHandler((_, _) =>
        {
            var response = StubHttpHandler.Json(HttpStatusCode.InternalServerError,
                """{"success":false,"processId":"ABCDEF","reasons":[{"code":50000060,"message":"Internal"}]}""");
            response.Headers.Add("Zuora-Request-Id", "req-0043");
            return response;
        }));

        var error = await Assert.ThrowsAsync<TransientZuoraException>(() => harness.Client.GetSummaryAsync(JobA, CancellationToken.None));

        Assert.Contains("processId ABCDEF", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zuora-Request-Id req-0043", error.Message, StringComparison.Ordinal);
    }
}
