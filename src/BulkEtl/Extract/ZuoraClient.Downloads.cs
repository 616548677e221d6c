using System.Text.Json;

namespace BulkEtl.Extract;

/// <summary>The third Bulk Data read: where a finished job's source, error-rows and success-rows files are.</summary>
internal sealed partial class ZuoraClient
{
    /// <summary>
    /// The job's file links, or null when Zuora answers 404 (the job is unknown or not finished). Through the same
    /// pipeline, limiter, token and headers as a summary; an answer that cannot be read throws
    /// <see cref="ZuoraRecordException"/>, a passing fault <see cref="TransientZuoraException"/> (retried).
    /// </summary>
    public Task<JobDownloads?> GetDownloadsAsync(string jobId, CancellationToken cancellationToken) =>
        GetJobResourceAsync(jobId, "downloads", response => ReadDownloads(jobId, response), cancellationToken);

    private static JobDownloads ReadDownloads(string jobId, ZuoraResponse response)
    {
        var path = JobPath(jobId, "downloads");
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            ThrowIfNotSuccess(path, response, root);
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("not a JSON object");
            }

            var answeredId = Text(root, "jobId");
            if (answeredId is not null && !string.Equals(answeredId, jobId, StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"the downloads of another job ({SafeText.Clip(answeredId, JobId.MaxLength)})");
            }

            var delimiter = Text(root, "delimiter") switch
            {
                null or "" => ',',
                "\\t" or "tab" => '\t',
                [var single] when single is not ('"' or '\r' or '\n') => single,
                var other => throw new FormatException($"a delimiter that is not one character ({SafeText.Clip(other, 10)})"),
            };
            return new JobDownloads(jobId, SafeText.ClipOrNull(Text(root, "status"), 40), Link(root, "sourceFile"), Link(root, "errorRowsFile"),
                Link(root, "successRowsFile"), delimiter);
        }
        catch (JsonException exception) when (JsonSlices.TopLevelMembers(response.Body.Span) is null)
        {
            throw Transient(path, response, "a body that is cut off or not JSON", exception);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            throw new ZuoraRecordException($"GET /{path} answered downloads that cannot be read: {SafeText.Clip(exception.Message)}",
                response.StatusCode, response.RequestId, inner: exception);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An absolute link, or null when absent; anything else is unreadable (its text is never quoted: it may be signed).</summary>
    private static Uri? Link(JsonElement root, string name) => Text(root, name) switch
    {
        null or "" => null,
        var text when Uri.TryCreate(text, UriKind.Absolute, out var uri) => uri,
        _ => throw new FormatException($"{name} is not an absolute URL"),
    };
}
