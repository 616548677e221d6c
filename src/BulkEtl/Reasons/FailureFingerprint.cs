namespace BulkEtl.Reasons;

/// <summary>
/// What a failed row says, without any of its values: the 8-digit error code ("" when none), its category ("" when no
/// code) and the message as a template. Rows with the same mistake get equal fingerprints.
/// </summary>
internal sealed record FailureFingerprint(string Code, string Category, string Reason);
