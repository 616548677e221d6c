using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// The rule for when the reports show their <c>entityId</c> column (first, by CsvColumns): only when the store holds jobs
/// of more than one Zuora entity; a single-entity store's CSVs keep their columns byte for byte.
/// </summary>
internal static class EntityColumn
{
    public static bool IsShown(SqliteConnection connection) =>
        connection.ExecuteScalar<long>(SqlScripts.Get("queries/entity_count.sql")) > 1;
}
