namespace BulkEtl.Run;

/// <summary>One night's work: where to store, where to write, which days to report, optionally which jobs only.</summary>
internal sealed record RunRequest(
    string DatabasePath,
    string OutputDirectory,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string>? JobIds = null);
