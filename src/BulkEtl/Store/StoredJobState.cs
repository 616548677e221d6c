namespace BulkEtl.Store;

/// <summary>
/// What the store already knows about a job: enough for incremental extraction to skip jobs that
/// are final and unchanged. <see cref="LastUpdatedAt"/> is the store's ISO text (UTC, whole seconds).
/// </summary>
internal sealed record StoredJobState(
    string Id,
    string? Status,
    long? RowCount,
    long? RowsSucceeded,
    long? RowsFailed,
    string? LastUpdatedAt);
