using System.Text.Json;
using BulkEtl.Model;

namespace BulkEtl.Simulator;

/// <summary>
/// <c>GET /bulk-data/bulk-jobs/summaries</c>: a page of list items after the <see cref="ListCursor"/>, read as a
/// range of the ordered tenant, optionally for one status.
/// </summary>
internal sealed class ListEndpoint(SimulatorOptions options, SimulatedTenant tenant)
{
    public const string Path = "/bulk-data/bulk-jobs/summaries";

    private static readonly HashSet<string> KnownStatuses = new(JobStatuses.All, StringComparer.Ordinal);

    public SimulatorAnswer Answer(HttpRequest request, FaultInjector injector)
    {
        var faults = injector.Options;
        var limit = options.DefaultPageSize;
        if (request.Query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, out limit) || limit < 1 || limit > options.MaxPageSize))
        {
            return SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, $"limit must be between 1 and {options.MaxPageSize}", faults);
        }

        var after = JobKey.First;
        var lap = 0;
        if (request.Query.TryGetValue("cursor", out var cursor) && !EndlessCursor.TryDecode(cursor.ToString(), out lap, out after)
            && !ListCursor.TryDecode(cursor.ToString(), out after))
        {
            return SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, "Invalid cursor", faults);
        }

        if (lap > 0 && faults.EndlessListing == EndlessListing.FreshJobs)
        {
            injector.CountListPage();
            return EndlessCursor.FreshJobsPage(lap, faults.Dialect.CursorField);
        }

        Func<SimulatedJob, bool>? filter = null;
        if (request.Query.TryGetValue("status", out var statusValues))
        {
            var status = statusValues.ToString();
            if (!KnownStatuses.Contains(status))
            {
                return SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, $"Invalid status: {status}", faults);
            }

            filter = job => job.Status == status;
        }

        // One more than the page: whether it exists says whether there is a next page.
        var page = tenant.After(after, limit + 1, filter);
        if (page.Count == 0)
        {
            return faults.Dialect.EmptyList switch
            {
                EmptyListAnswer.EnvelopeWithoutCode => new SimulatorAnswer(404, ZuoraErrors.WithoutCode("No job summaries found")),
                EmptyListAnswer.Gateway => new SimulatorAnswer(404, ZuoraErrors.GatewayNotFound(faults.HostileErrorReasons)),
                _ => SimulatorAnswer.Error(404, ZuoraErrors.NotFound, "No job summaries found", faults),
            };
        }

        var pageNumber = injector.CountListPage();
        if (pageNumber == faults.ListNotFoundAtPage)
        {
            return new SimulatorAnswer(404, ZuoraErrors.GatewayNotFound(faults.HostileErrorReasons));
        }

        var withoutData = pageNumber == faults.ListPageWithoutDataAt;
        var served = page.Count > limit ? page[..limit] : page;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (withoutData)
            {
                writer.WriteBoolean("success", true);
            }

            writer.WriteStartArray(withoutData ? "summaries" : "data");
            foreach (var job in served)
            {
                if (faults.RawListEntries.TryGetValue(job.Id, out var raw))
                {
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
                else
                {
                    JobJson.WriteListItem(writer, job);
                }
            }

            writer.WriteEndArray();
            var next = page.Count > limit ? ListCursor.Encode(JobKey.Of(served[^1])) : EndlessCursor.AtTheEnd(faults.EndlessListing, lap, after, tenant, limit);
            if (next is not null && faults.Dialect.CursorField is { } field)
            {
                writer.WriteString(field, next);
            }

            writer.WriteEndObject();
        }

        return new SimulatorAnswer(200, buffer.ToArray());
    }
}
