using System.Net;
using System.Text;

namespace BulkEtl.Extract;

/// <summary>
/// One answer of Zuora, body already read in full and within the size cap (so a cut-off body fails inside the retried
/// attempt, and a huge one fails before it costs memory).
/// </summary>
internal sealed record ZuoraResponse(HttpStatusCode StatusCode, ReadOnlyMemory<byte> Body, string? RequestId)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    /// <summary>Whether the answer came gzip-encoded (Content-Encoding: gzip), for <c>bulk-etl check</c>.</summary>
    public bool WasGzipped { get; init; }

    /// <summary>The Zuora-Track-Id header Zuora echoed back, if any, for <c>bulk-etl check</c>.</summary>
    public string? EchoedTrackId { get; init; }

    /// <summary>The body as text, for error reasons; never for the hot path.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The secrets the request carried, masked in any text quoted from this answer.</summary>
    public SecretMask Secrets { get; init; } = SecretMask.None;

    /// <summary>
    /// Zuora's reason for an error answer, made safe to print, with the processId and Zuora-Request-Id support asks for;
    /// null when the answer gives none of them.
    /// </summary>
    public string? Reason => ZuoraErrorBody.Describe(Error, RequestId);

    /// <summary>The error the body describes, in whichever of Zuora's shapes it came; null for an empty body.</summary>
    public ZuoraError? Error => ZuoraErrorBody.Read(Body, Secrets);
}
