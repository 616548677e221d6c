namespace BulkEtl.Run;

/// <summary>Another run holds the database; this one did nothing.</summary>
public sealed class RunLockedException(string message) : Exception(message);
