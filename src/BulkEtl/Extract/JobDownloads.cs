namespace BulkEtl.Extract;

/// <summary>
/// <c>GET /bulk-data/bulk-jobs/{id}/downloads</c>: pre-signed links to a finished job's files on another host, which
/// expire. The links are secrets of a kind (anyone holding one reads customer data): never log or store them.
/// </summary>
internal sealed record JobDownloads(string JobId, string? Status, Uri? SourceFile, Uri? ErrorRowsFile, Uri? SuccessRowsFile, char Delimiter);
