namespace BulkEtl.Store;

/// <summary>One stored reason of one job: a fingerprint and how many failed rows gave it.</summary>
internal sealed record StoredFailureReason(string Code, string Category, string Reason, long Rows);
