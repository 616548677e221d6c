using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>Writes a CSV's manifest after the CSV itself, from the bytes actually on disk.</summary>
internal static class ManifestWriter
{
    public const string Suffix = ".manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // A file for people and tools, not HTML: "0.1.0+abc" should read as written, not as "0.1.0\u002Babc".
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToolVersion { get; } =
        typeof(ManifestWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <returns>The CSV and its manifest, each with its hash and size (the CSV is read once, here).</returns>
    /// <param name="sqlFiles">The SQL files the report reads (its queries and the views under them), listed beside the
    /// report: the manifest hashes their text, so a changed rule gives another number.</param>
    public static async Task<(PublishedFile Csv, PublishedFile Manifest)> WriteAsync(string csvPath, IReadOnlyList<string> sqlFiles, ReportScope scope, TrendPeriod? by, int rows, long jobsCounted,
        string? runId, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var csvBytes = await File.ReadAllBytesAsync(csvPath, cancellationToken);
        var manifest = new ReportManifest(
            File: Path.GetFileName(csvPath),
            RunId: runId,
            Window: new ManifestWindow(scope.FromText, scope.ToText),
            AsOf: scope.AsOf is { } asOf ? StoreTime.ToText(asOf) : null,
            SettledOnly: scope.SettledOnly,
            By: by?.ToString().ToLowerInvariant(),
            Rows: rows,
            JobsCounted: jobsCounted,
            ToolVersion: ToolVersion,
            SqlSha256: Sha256(Encoding.UTF8.GetBytes(Sql(sqlFiles))),
            CsvSha256: Sha256(csvBytes),
            GeneratedAt: StoreTime.ToText(timeProvider.GetUtcNow()));
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        var manifestPath = await AtomicFile.WriteAsync(csvPath + Suffix, manifestBytes, cancellationToken);
        return (new PublishedFile(csvPath, manifest.CsvSha256, csvBytes.LongLength), PublishedFile.Of(manifestPath, manifestBytes));
    }

    /// <summary>The text a manifest hashes: the files' texts (line ends as LF), in the order given, one after another.</summary>
    public static string Sql(IReadOnlyList<string> sqlFiles)
    {
        ArgumentNullException.ThrowIfNull(sqlFiles);
        return string.Concat(sqlFiles.Select(SqlScripts.Get));
    }

    public static ReportManifest Read(string manifestPath) =>
        JsonSerializer.Deserialize<ReportManifest>(File.ReadAllBytes(manifestPath), Json)
        ?? throw new InvalidDataException($"'{manifestPath}' is not a manifest");

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
