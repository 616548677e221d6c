using System.Collections.Concurrent;
using System.Text.Json;
using BulkEtl.Model;

namespace BulkEtl.Simulator;

/// <summary>
/// <c>GET /bulk-data/bulk-jobs/{id}/downloads</c>: links to a finished job's files on the file origin, signed with an
/// expiry. 404 "Job not found or not completed" for a job that is unknown or not Completed, Failed and Aborted jobs
/// included: Zuora's reference answers so, and its own workflow task downloads files of Completed jobs only.
/// </summary>
internal sealed class DownloadsEndpoint(SimulatedTenant tenant, FileOrigin origin, TimeProvider timeProvider)
{
    public const string Route = "/bulk-data/bulk-jobs/{id}/downloads";

    private readonly ConcurrentDictionary<string, int> _answered = new(StringComparer.Ordinal);

    public SimulatorAnswer Answer(string? jobId, FaultOptions faults)
    {
        if (jobId is null || !tenant.TryGet(jobId, out var job) || job.Status != JobStatuses.Completed)
        {
            return SimulatorAnswer.Error(404, ZuoraErrors.NotFound, "Job not found or not completed", faults);
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
