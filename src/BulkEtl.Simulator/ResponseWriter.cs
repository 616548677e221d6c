using System.IO.Compression;
using System.Text;

namespace BulkEtl.Simulator;

/// <summary>Encodes answers as Zuora does (gzip over 1000 bytes when asked), or as the body faults spoil them.</summary>
internal static class ResponseWriter
{
    /// <summary>What a 200 with a malformed body carries: cut-off JSON with a gateway's HTML in it.</summary>
    public static readonly byte[] MalformedBody =
        Encoding.UTF8.GetBytes("{\"data\": [{\"id\": \"3a3e85c4-96e7-486b-ae02-<html>Bad Gateway</html>");

    private const int GzipAbove = 1000;

    /// <summary>Writes the body, gzipped when the client accepts it and it is over 1000 bytes; truncated and aborted on demand.</summary>
    public static async Task WriteAsync(HttpContext context, SimulatorAnswer answer, bool truncate = false)
    {
        var response = context.Response;
        var body = answer.Body;
        response.StatusCode = answer.Status;
        response.ContentType = "application/json";
        if (RequestHeaders.AcceptsGzip(context.Request) && body.Length > GzipAbove)
        {
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
            {
                await gzip.WriteAsync(body, context.RequestAborted);
            }

            body = compressed.ToArray();
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        if (truncate)
        {
            await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Always gzip, whatever Accept-Encoding said: a hostile gateway's answer that inflates past the size.</summary>
    public static async Task WriteOversizedAsync(HttpContext context, string jobId, long inflatedBytes)
    {
        var (pieces, length) = OversizedBody.For(jobId, inflatedBytes);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.ContentEncoding = "gzip";
        response.ContentLength = length;
        foreach (var piece in pieces)
        {
            await response.Body.WriteAsync(piece, context.RequestAborted);
        }
    }
}
