using System.Text.Json;

namespace BulkEtl.Store;

/// <summary>
/// Lists handed to SQL as one JSON text parameter, read there with json_each: any number of values in one statement
/// and one plan, without building SQL text. Objects get camelCase members, which the scripts name in json_extract.
/// </summary>
internal static class SqlJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Of<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values, Options);
}
