namespace BulkEtl.Model;

/// <summary>
/// One bulk job's full summary as returned by <c>GET /bulk-data/bulk-jobs/{id}/summary</c>,
/// with timestamps already normalised to UTC. Every field but <see cref="Id"/> is optional
/// because Zuora documents none of them as required.
/// </summary>
public sealed record JobSummary(
    string Id,
    string? Name,
    string? Description,
    DateTimeOffset? CreatedAt,
    string? CreatedBy,
    string? Status,
    long? RowCount,
    long? RowsSucceeded,
    long? RowsFailed,
    DateTimeOffset? LastUpdatedAt,
    string? FailureReason,
    string? ObjectType,
    string? JobType,
    bool? IsCustomObject,
    string? CustomObjectNamespace,
    string? DataSourceType,
    string? SystemType,
    string? FileType,
    string RawJson);
