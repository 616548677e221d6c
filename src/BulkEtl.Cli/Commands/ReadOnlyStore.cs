using BulkEtl.Store;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Cli.Commands;

/// <summary>The store as the read-only commands (report, trend, runs) open it: never migrated, never changed.</summary>
internal static class ReadOnlyStore
{
    /// <exception cref="UsageException">--db names no store this BulkEtl can read as it is: the operator must point it
    /// at the right file, run first, or upgrade.</exception>
    public static SqliteConnection Open(string path)
    {
        try
        {
            return StoreDatabase.OpenReadOnly(path);
        }
        catch (StoreException exception)
        {
            throw new UsageException(exception.Message);
        }
    }
}
