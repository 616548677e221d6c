using BulkEtl.Store;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Cli.Commands;

/// <summary>The store as the read-only commands (report, trend, runs) open it: never migrated, never changed.</summary>
internal static class ReadOnlyStore
{
    /// <exception cref="UsageException">--db names no store this BulkEtl can read as it is: the operator must point it
    /// at the right file, run first, or upgrade.</exception>
    /// <param name="forReports">The reports select the states they count into a temp table (in memory); the file
    /// itself stays opened read-only.</param>
    public static SqliteConnection Open(string path, bool forReports = false)
    {
        try
        {
            return StoreDatabase.OpenReadOnly(path, allowTempWrites: forReports);
        }
        catch (StoreException exception)
        {
            throw new UsageException(exception.Message);
        }
    }
}
