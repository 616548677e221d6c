namespace BulkEtl.Reasons;

/// <summary>Bounds on reading a job's files from the file host.</summary>
internal sealed record FailureFileOptions
{
    public const long DefaultMaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The default of <see cref="Deadline"/>, the failure-reason step's whole budget in a night.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(30);

    /// <summary>The most (decompressed) bytes read from one error-rows file; a file over it fails that job's reasons only.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>The longest a source file's first line may be: its header, nothing more is read.</summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>The longest CSV cell held; a longer one makes its row one unreadable row (memory stays bounded per file).</summary>
    public int MaxCellChars { get; init; } = 1024 * 1024;

    /// <summary>The longest JSON line held; a longer one is one unreadable row.</summary>
    public int MaxLineBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The longest one file may take to read.</summary>
    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest one read from the file host may wait for a byte.</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The failure-reason step's budget in a night: jobs not done by then are left for the next night.</summary>
    public TimeSpan Deadline { get; init; } = DefaultDeadline;

    /// <summary>At most this many reasons are kept per job; further distinct ones are counted as one "other" reason.</summary>
    public int MaxReasonsPerJob { get; init; } = 1000;

    /// <summary>
    /// Whether links may use plain http to this machine and reach any address: only when the base URL is this machine
    /// (the simulator). Otherwise links must be https to hosts whose addresses are public.
    /// </summary>
    public bool LoopbackLinks { get; init; }
}
