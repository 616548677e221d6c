using System.Text.Json;

namespace BulkEtl.Reasons;

/// <summary>
/// Reads a JSON-lines error-rows file: one object per line, its error keys found by the same rule as a CSV file's
/// columns (<see cref="ErrorColumns"/>: keys not in the source record, failing that keys named like an error). A line
/// over the line cap, or one whose text does not decode, is one unreadable row; a line that is not a JSON object makes
/// the file unreadable.
/// </summary>
internal static class JsonLinesErrorRows
{
    public static async Task<ErrorFileTally> ReadAsync(string jobId, Stream stream, IReadOnlyList<string>? sourceHeader, FailureFileOptions options,
        CancellationToken cancellationToken)
    {
        var lines = new BoundedLineReader(stream, options.MaxLineBytes);
        var tally = new ReasonTally(options.MaxReasonsPerJob);
        List<string>? keys = null;
        IReadOnlyList<int> columns = [];
        var values = new List<JsonElement>();
        long number = 0;
        while (await lines.NextAsync(cancellationToken) is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            if (line.Oversized)
            {
                tally.AddUnreadable();
                continue;
            }

            var bytes = number == 1 ? WithoutBom(line.Bytes) : line.Bytes;
            if (IsBlank(bytes.Span))
            {
                continue;
            }

            using var document = Parse(jobId, bytes, number);
            try
            {
                var names = new List<string>();
                values.Clear();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    names.Add(property.Name);
                    values.Add(property.Value);
                }

                if (keys is null || !names.SequenceEqual(keys, StringComparer.Ordinal))
                {
                    columns = ErrorColumns.Find(names, sourceHeader);
                    if (keys is null && columns.Count == 0)
                    {
                        throw new FailureFileUnreadableException(
                            $"the error-rows file of job {jobId} is JSON lines with no key that reads as an error ({names.Count} keys)");
                    }

                    keys = names;
                }

                tally.Add(columns.Select(index => Text(values[index])).ToList());
            }
            catch (InvalidOperationException)
            {
                // A key or value that does not decode (a lone surrogate escape): this row only.
                tally.AddUnreadable();
            }
        }

        return tally.ToTally();
    }

    private static JsonDocument Parse(string jobId, ReadOnlyMemory<byte> bytes, long number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            // The parser's message would quote the line; the line number is enough to find it.
            throw new FailureFileUnreadableException($"the error-rows file of job {jobId} is not JSON lines: line {number} is not JSON");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FailureFileUnreadableException($"the error-rows file of job {jobId} is not JSON lines: line {number} is not a JSON object");
        }

        return document;
    }

    /// <summary>A value as the fingerprinter reads a cell: a string's text, any other value's JSON, null for null.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> bytes) =>
        bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.Trim(" \t\r"u8).IsEmpty;
}
