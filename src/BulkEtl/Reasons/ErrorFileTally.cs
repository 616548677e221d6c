namespace BulkEtl.Reasons;

/// <summary>One error-rows file read: how many failed rows it held, and how many per fingerprint.</summary>
internal sealed record ErrorFileTally(long Rows, IReadOnlyDictionary<FailureFingerprint, long> Reasons);
