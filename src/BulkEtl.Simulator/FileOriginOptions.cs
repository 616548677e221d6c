namespace BulkEtl.Simulator;

/// <summary>How the simulator's file origin (the object storage behind the download links) behaves, per job id.</summary>
public sealed record FileOriginOptions
{
    /// <summary>How long a link from /downloads stays valid, by the simulator's TimeProvider; 403 after.</summary>
    public TimeSpan LinkLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The first downloads answer for these jobs carries links that have already expired (an answer that waited).</summary>
    public IReadOnlySet<string> StaleLinkIds { get; init; } = new HashSet<string>();

    /// <summary>Error files always sent with Content-Encoding: gzip.</summary>
    public IReadOnlySet<string> GzipIds { get; init; } = new HashSet<string>();

    /// <summary>Error files cut off half-way: Content-Length promises more, then the connection drops.</summary>
    public IReadOnlySet<string> CutOffIds { get; init; } = new HashSet<string>();

    /// <summary>Error files that answer 404 (gone from storage).</summary>
    public IReadOnlySet<string> MissingIds { get; init; } = new HashSet<string>();

    /// <summary>Error files that go on with rows until <see cref="LargeFileBytes"/>, streamed without a length.</summary>
    public IReadOnlySet<string> LargeIds { get; init; } = new HashSet<string>();

    public long LargeFileBytes { get; init; } = 300L * 1024 * 1024;

    /// <summary>Jobs whose downloads answer has no errorRowsFile (the summary's failureReason is all there is).</summary>
    public IReadOnlySet<string> NoErrorFileIds { get; init; } = new HashSet<string>();

    /// <summary>Error files that answer 403 on every request, however fresh the link (an object gone from S3).</summary>
    public IReadOnlySet<string> ForbiddenIds { get; init; } = new HashSet<string>();

    /// <summary>Error files that are neither CSV nor JSON lines (binary bytes).</summary>
    public IReadOnlySet<string> GarbageIds { get; init; } = new HashSet<string>();

    /// <summary>Error files that send their header, then one byte every <see cref="TrickleInterval"/>, never ending.</summary>
    public IReadOnlySet<string> TrickleIds { get; init; } = new HashSet<string>();

    public TimeSpan TrickleInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Error files, gzip-encoded, whose first row holds one cell of <see cref="HugeCellBytes"/> characters.</summary>
    public IReadOnlySet<string> HugeCellIds { get; init; } = new HashSet<string>();

    public long HugeCellBytes { get; init; } = 64L * 1024 * 1024;
}
