using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>Another run holds the database; this one did nothing.</summary>
internal sealed class RunLockedException(string message) : Exception(message)
{
    /// <summary>The refusal, naming the running run from the ledger when it can be read.</summary>
    public static RunLockedException For(string databasePath)
    {
        var holder = "";
        try
        {
            using var connection = StoreDatabase.OpenReadOnly(databasePath);
            if (new RunLedger(connection, TimeProvider.System).Latest(1, "running").FirstOrDefault() is { } running)
            {
                holder = $" (run {running.Id}, process {running.ProcessId} on {running.HostName}, started {running.StartedAt})";
            }
        }
        catch (Exception exception) when (exception is StoreException or SqliteException)
        {
            // Naming the holder is a courtesy; the refusal stands without it.
        }

        return new RunLockedException($"another run is using '{databasePath}'{holder}; this run did nothing");
    }
}
