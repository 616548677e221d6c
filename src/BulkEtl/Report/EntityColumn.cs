using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// The rule for the reports' <c>entityId</c> column, in one place: it comes first, and only when the store holds jobs
/// of more than one Zuora entity; a single-entity store's CSVs keep their columns byte for byte.
/// </summary>
internal static class EntityColumn
{
    public const string Name = "entityId";

    public static bool IsShown(SqliteConnection connection) =>
        connection.ExecuteScalar<long>(SqlScripts.Get("queries/entity_count.sql")) > 1;
}
