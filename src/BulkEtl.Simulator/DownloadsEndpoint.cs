using System.Collections.Concurrent;
using System.Text.Json;
using BulkEtl.Model;

namespace BulkEtl.Simulator;

/// <summary>
/// <c>GET /bulk-data/bulk-jobs/{id}/downloads</c>: links to a finished job's files on the file origin, signed with an
/// expiry; 404 while the job is unknown or not in a final status, as Zuora answers.
/// </summary>
internal sealed class DownloadsEndpoint(SimulatedTenant tenant, FileOrigin origin, TimeProvider timeProvider)
{
    public const string Route = "/bulk-data/bulk-jobs/{id}/downloads";

    private static readonly HashSet<string> Final = new(JobStatuses.Final, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, int> _answered = new(StringComparer.Ordinal);

    public SimulatorAnswer Answer(string? jobId, FaultOptions faults)
    {
        if (jobId is null || !tenant.TryGet(jobId, out var job) || !Final.Contains(job.Status))
        {
            return SimulatorAnswer.Error(404, ZuoraErrors.NotFound, "Job not found or not finished", faults);
        }

        var files = origin.Options;
        var first = _answered.AddOrUpdate(jobId, 1, (_, count) => count + 1) == 1;
        var expiresAt = first && files.StaleLinkIds.Contains(jobId)
            ? timeProvider.GetUtcNow().AddSeconds(-5)
            : timeProvider.GetUtcNow() + files.LinkLifetime;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jobId", job.Id);
            writer.WriteString("status", job.Status);
            writer.WriteString("sourceFile", origin.Link(job.Id, FileOrigin.SourceFile, expiresAt).AbsoluteUri);
            if (files.NoErrorFileIds.Contains(jobId))
            {
                writer.WriteNull("errorRowsFile");
            }
            else
            {
                writer.WriteString("errorRowsFile", origin.Link(job.Id, FileOrigin.ErrorRowsFile, expiresAt).AbsoluteUri);
            }

            writer.WriteString("successRowsFile", origin.Link(job.Id, FileOrigin.SuccessRowsFile, expiresAt).AbsoluteUri);
            writer.WriteString("delimiter", ",");
            writer.WriteEndObject();
        }

        return new SimulatorAnswer(200, buffer.ToArray());
    }
}
