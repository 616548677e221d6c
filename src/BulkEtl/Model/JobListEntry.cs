namespace BulkEtl.Model;

/// <summary>
/// One item of <c>GET /bulk-data/bulk-jobs/summaries</c>: only eight fields, no objectType or jobType,
/// which is why every job still needs its own summary call at least once.
/// </summary>
public sealed record JobListEntry(
    string Id,
    string? Name,
    string? Status,
    long? RowCount,
    long? RowsSucceeded,
    long? RowsFailed,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastUpdatedAt);
