using System.Text;
using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary><c>GET /bulk-data/bulk-jobs/{id}/summary</c>: one job's 18 fields, or the per-id faults in force.</summary>
internal sealed class SummaryEndpoint(SimulatedTenant tenant)
{
    public const string Route = "/bulk-data/bulk-jobs/{id}/summary";

    public SimulatorAnswer Answer(string? jobId, FaultOptions faults)
    {
        if (jobId is null || !IsValidJobId(jobId))
        {
            return SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, "id must be 1 to 64 letters, digits, '-' or '_'", faults);
        }

        if (faults.AlwaysFailIds.Contains(jobId))
        {
            return SimulatorAnswer.Error(500, ZuoraErrors.Internal, "Internal server error", faults);
        }

        if (faults.NotFoundIds.Contains(jobId) || !tenant.TryGet(jobId, out var job))
        {
            return SimulatorAnswer.Error(404, ZuoraErrors.NotFound, "Job not found", faults);
        }

        if (faults.RawSummaries.TryGetValue(jobId, out var raw))
        {
            return new SimulatorAnswer(200, Encoding.UTF8.GetBytes(raw));
        }

        if (faults.WrongIdIds.Contains(jobId))
        {
            // Another job's id when the tenant has one (the worst case: it would overwrite that job), else a new one.
            var other = tenant.FirstOtherThan(jobId)?.Id ?? Guid.NewGuid().ToString("D");
            job = job with { Id = other };
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JobJson.WriteSummary(writer, job);
        }

        return new SimulatorAnswer(200, buffer.ToArray());
    }

    /// <summary>Zuora types a job id as a string of up to 64 characters; only URL-safe ones are accepted.</summary>
    private static bool IsValidJobId(string value) =>
        value.Length is >= 1 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
