namespace BulkEtl.Reasons;

/// <summary>Bounds on reading a job's files from the file host.</summary>
internal sealed record FailureFileOptions
{
    public const long DefaultMaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The most (decompressed) bytes read from one error-rows file; a file over it fails that job's reasons only.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>The longest a source file's first line may be: its header, nothing more is read.</summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>The longest one file may take to read.</summary>
    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many reasons are kept per job; further distinct ones are counted as one "other" reason.</summary>
    public int MaxReasonsPerJob { get; init; } = 1000;
}
