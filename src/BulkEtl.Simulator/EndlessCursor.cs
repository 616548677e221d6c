using System.Globalization;
using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary>
/// The cursors of <see cref="EndlessListing"/>: <c>endless.{lap}.{cursor of the repeated page}</c>, told apart from
/// <see cref="ListCursor"/>'s base64url by their dots, and the made-up pages they lead to.
/// </summary>
internal static class EndlessCursor
{
    private const string Prefix = "endless.";

    /// <summary>The cursor the list's last page hands out, or null when the list ends as it should.</summary>
    public static string? AtTheEnd(EndlessListing mode, int lap, JobKey after, SimulatedTenant tenant, int limit) => mode switch
    {
        EndlessListing.RepeatedPage or EndlessListing.FreshJobs =>
            $"{Prefix}{(lap + 1).ToString(CultureInfo.InvariantCulture)}.{(after == JobKey.First ? "" : ListCursor.Encode(after))}",
        // The cursor the first page handed out: the client has been there already.
        EndlessListing.CursorCycle when tenant.After(JobKey.First, limit + 1, null) is { Count: > 0 } first && first.Count > limit =>
            ListCursor.Encode(JobKey.Of(first[limit - 1])),
        _ => null,
    };

    public static bool TryDecode(string text, out int lap, out JobKey after)
    {
        (lap, after) = (0, JobKey.First);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[Prefix.Length..].Split('.', 2);
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out lap) && lap > 0
            && (parts[1].Length == 0 || ListCursor.TryDecode(parts[1], out after));
    }

    /// <summary>
    /// A page of one job no one has seen (id <c>endless-{lap}</c>, unknown by id) and the next lap's cursor: a page may
    /// hold fewer entries than asked, and one is enough to keep a client paging while costing it a single fetch.
    /// </summary>
    public static SimulatorAnswer FreshJobsPage(int lap, string? cursorField)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            writer.WriteStartObject();
            writer.WriteString("id", $"endless-{lap.ToString(CultureInfo.InvariantCulture)}");
            writer.WriteString("status", "Completed");
            writer.WriteNumber("createdAt", 1_763_000_000);
            writer.WriteEndObject();

            writer.WriteEndArray();
            if (cursorField is not null)
            {
                writer.WriteString(cursorField, $"{Prefix}{(lap + 1).ToString(CultureInfo.InvariantCulture)}.");
            }

            writer.WriteEndObject();
        }

        return new SimulatorAnswer(200, buffer.ToArray());
    }
}
