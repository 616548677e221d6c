namespace BulkEtl.Report;

/// <summary>
/// <c>&lt;name&gt;.manifest.json</c> beside every CSV: enough to trace a published number to the data and code behind
/// it, and to check the file was not edited since (csvSha256).
/// </summary>
internal sealed record ReportManifest(
    string File,
    string? RunId,
    ManifestWindow Window,
    string? AsOf,
    bool SettledOnly,
    string? By,
    int Rows,
    long JobsCounted,
    string ToolVersion,
    string SqlSha256,
    string CsvSha256,
    string GeneratedAt);

internal sealed record ManifestWindow(string From, string To);
