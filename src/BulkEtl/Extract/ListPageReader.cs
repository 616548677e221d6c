using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BulkEtl.Model;

namespace BulkEtl.Extract;

/// <summary>
/// Reads a list page entry by entry, so one entry Zuora got wrong (a bad timestamp, a count that is not a number, an
/// invalid string escape, no id) costs that entry, not the page and the night. A body that is cut off or is not JSON
/// at all is the wire's fault and stays transient; a complete JSON answer without a <c>data</c> array is not a page.
/// </summary>
internal static partial class ListPageReader
{
    /// <summary>
    /// The page, or null when the body is incomplete or not JSON (worth asking again). A parsed answer that says
    /// <c>"success": false</c> throws what <paramref name="notSuccess"/> makes, before its shape is judged.
    /// </summary>
    public static ListPage? Read(ReadOnlyMemory<byte> body, Func<Exception> notSuccess)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // One bad string escape makes the whole document invalid JSON; if the answer is otherwise complete, salvage
            // it entry by entry.
            return JsonSlices.TopLevelMembers(body.Span) is { } members ? FromSlices(body, members) : null;
        }

        using (document)
        {
            if (ZuoraErrorBody.SaysNotSuccess(document.RootElement))
            {
                throw notSuccess();
            }

            return FromDocument(document.RootElement);
        }
    }

    private static ListPage FromDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the list answer has no \"data\" array: it is not a page of job summaries");
        }

        var entries = new List<JobListEntry>(data.GetArrayLength());
        var unreadable = new List<UnreadableRecord>();
        foreach (var item in data.EnumerateArray())
        {
            try
            {
                entries.Add(JobSummaryParser.ParseListEntry(item));
            }
            catch (Exception exception) when (exception is FormatException or InvalidOperationException or DecoderFallbackException)
            {
                unreadable.Add(Unreadable(JsonText.Lenient(item), exception.Message));
            }
        }

        var members = root.EnumerateObject().Select(member => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(member))).ToList();
        var (cursor, field) = Cursor(name => root.TryGetProperty(name, out var value) ? value : null);
        return new ListPage(entries, unreadable, cursor) { CursorField = field, OtherFields = Others(members) };
    }

    private static ListPage FromSlices(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, Range> members)
    {
        if (!members.TryGetValue("data", out var dataRange) || JsonSlices.ArrayElements(body.Span[dataRange]) is not { } elements)
        {
            throw new FormatException("the list answer has no \"data\" array: it is not a page of job summaries");
        }

        var data = body[dataRange];
        var entries = new List<JobListEntry>(elements.Count);
        var unreadable = new List<UnreadableRecord>();
        foreach (var element in elements)
        {
            var slice = data[element];
            try
            {
                using var document = JsonDocument.Parse(slice);
                entries.Add(JobSummaryParser.ParseListEntry(document.RootElement));
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or DecoderFallbackException)
            {
                unreadable.Add(Unreadable(Encoding.UTF8.GetString(slice.Span), exception.Message));
            }
        }

        var (cursor, field) = Cursor(name =>
        {
            if (!members.TryGetValue(name, out var range))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(body[range]);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new FormatException($"the list answer's {name} is not a JSON value");
            }
        });
        return new ListPage(entries, unreadable, cursor) { CursorField = field, OtherFields = Others(members.Keys) };
    }

    /// <summary>
    /// The first non-empty cursor among the names it may go by. A cursor that is there but cannot be read (a number, a
    /// lone surrogate) leaves no way to the next page: the answer is not a page BulkEtl can follow.
    /// </summary>
    private static (string? Cursor, string? Field) Cursor(Func<string, JsonElement?> member)
    {
        foreach (var name in ListPage.CursorFields)
        {
            switch (member(name))
            {
                case null or { ValueKind: JsonValueKind.Null }:
                    continue;
                case { ValueKind: JsonValueKind.String } value when JsonText.String(value, name) is { Length: > 0 } cursor:
                    return (cursor, name);
                case { ValueKind: JsonValueKind.String }:
                    continue;
                default:
                    throw new FormatException($"the list answer's {name} is not a string");
            }
        }

        return (null, null);
    }

    private static IReadOnlyList<string> Others(IEnumerable<string> members) =>
        [.. members.Where(name => name is not ("data" or "success") && !ListPage.CursorFields.Contains(name)).Select(name => SafeText.Clip(name, 60))];

    private static UnreadableRecord Unreadable(string rawText, string reason)
    {
        var id = IdField().Match(rawText) is { Success: true } match && JobId.IsValid(match.Groups[1].Value) ? match.Groups[1].Value : null;
        return new UnreadableRecord(id, SafeText.Clip(reason), SafeText.Clip(rawText, UnreadableRecord.MaxEvidenceLength));
    }

    [GeneratedRegex("\"id\"\\s*:\\s*\"([A-Za-z0-9_-]{1,64})\"", RegexOptions.CultureInvariant)]
    private static partial Regex IdField();
}
