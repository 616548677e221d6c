using System.Net;

namespace BulkEtl.Extract;

/// <summary>One answer of Zuora, body already read in full (so a cut-off body fails inside the retried attempt).</summary>
public sealed record ZuoraResponse(HttpStatusCode StatusCode, string Body, string? RequestId)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
