namespace BulkEtl.Store;

/// <summary>A job whose reasons are to be collected, with what its summary says.</summary>
internal sealed record PendingFailureReasons(string JobId, string? FailureReason, long RowsFailed);
