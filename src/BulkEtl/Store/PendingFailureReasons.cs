namespace BulkEtl.Store;

/// <summary>
/// A job whose reasons are to be collected, with what its summary says, and how many earlier nights found neither an
/// error file nor a failureReason for it.
/// </summary>
internal sealed record PendingFailureReasons(string JobId, string? FailureReason, long RowsFailed, string? Status = null, string? FileType = null,
    long Nights = 0);
