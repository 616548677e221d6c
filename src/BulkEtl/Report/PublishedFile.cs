namespace BulkEtl.Report;

/// <summary>A file a report wrote, with the SHA-256 and size of the bytes it holds, for the run ledger.</summary>
internal sealed record PublishedFile(string Path, string Sha256, long Bytes)
{
    public static PublishedFile Of(string path, byte[] bytes) => new(path, ManifestWriter.Sha256(bytes), bytes.LongLength);
}
