using System.Text.Json;
using BulkEtl.Model;

namespace BulkEtl.Extract;

/// <summary>
/// Maps Zuora's JSON to records tolerantly: unknown fields are ignored here (the raw JSON keeps them),
/// missing and null fields become null, and numbers sent as strings are still read.
/// </summary>
internal static class JobSummaryParser
{
    public static JobSummary ParseSummary(JsonElement item) => new(
        Id: RequiredId(item),
        Name: Text(item, "name"),
        Description: Text(item, "description"),
        CreatedAt: Timestamp(item, "createdAt"),
        CreatedBy: Text(item, "createdBy"),
        Status: Clean(item, "status"),
        RowCount: Count(item, "rowCount"),
        RowsSucceeded: Count(item, "rowsSucceeded"),
        RowsFailed: Count(item, "rowsFailed"),
        LastUpdatedAt: Timestamp(item, "lastUpdatedAt"),
        FailureReason: Clean(item, "failureReason"),
        ObjectType: Clean(item, "objectType"),
        JobType: Clean(item, "jobType"),
        IsCustomObject: Flag(item, "isCustomObject"),
        CustomObjectNamespace: Text(item, "customObjectNamespace"),
        DataSourceType: Text(item, "dataSourceType"),
        SystemType: Text(item, "systemType"),
        FileType: Text(item, "fileType"),
        RawJson: JsonText.Raw(item, "summary"));

    public static JobListEntry ParseListEntry(JsonElement item) => new(
        Id: RequiredId(item),
        Name: Text(item, "name"),
        Status: Clean(item, "status"),
        RowCount: Count(item, "rowCount"),
        RowsSucceeded: Count(item, "rowsSucceeded"),
        RowsFailed: Count(item, "rowsFailed"),
        CreatedAt: Timestamp(item, "createdAt"),
        LastUpdatedAt: Timestamp(item, "lastUpdatedAt"));

    public static JobSummary ParseSummary(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ParseSummary(document.RootElement);
    }

    private static string RequiredId(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"a job summary must be a JSON object, not {item.ValueKind}");
        }

        return Text(item, "id") switch
        {
            null or "" => throw new FormatException("a job summary has no id"),
            var id when JobId.IsValid(id) => id,
            _ => throw new FormatException($"a job summary's id is not 1 to {JobId.MaxLength} letters, digits, '-' or '_'"),
        };
    }

    private static JsonElement? Field(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    private static string? Text(JsonElement item, string name) => Field(item, name) is { } value
        ? value.ValueKind == JsonValueKind.String ? JsonText.String(value, name) : JsonText.Raw(value, $"'{name}'")
        : null;

    /// <summary>
    /// A field the reports, the report views or the terminal show (status, object and job type, failure reason), as the
    /// store keeps it: without control, format or separator characters. The other text fields are kept as Zuora sent
    /// them, and so is the raw JSON.
    /// </summary>
    private static string? Clean(JsonElement item, string name) => SafeText.StripOrNull(Text(item, name));

    private static long? Count(JsonElement item, string name) => Field(item, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var count) => count,
        { ValueKind: JsonValueKind.String } value when long.TryParse(JsonText.String(value, name),
            System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var count) => count,
        { } value => throw new FormatException($"'{name}' must be a whole number, not {SafeText.Clip(JsonText.Lenient(value), 40)}"),
    };

    private static bool? Flag(JsonElement item, string name) => Field(item, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } value when bool.TryParse(JsonText.String(value, name), out var flag) => flag,
        { } value => throw new FormatException($"'{name}' must be true or false, not {SafeText.Clip(JsonText.Lenient(value), 40)}"),
    };

    private static DateTimeOffset? Timestamp(JsonElement item, string name) =>
        Field(item, name) is { } value ? ZuoraTimestamp.FromJson(value, name) : null;
}
