namespace BulkEtl.Benchmarks;

/// <summary>What one benchmark run measured; null where a stage was skipped or could not run.</summary>
public sealed record BenchmarkResult
{
    public required int Jobs { get; init; }
    public double? FirstRunSeconds { get; init; }
    public double? FirstRunJobsPerSecond { get; init; }
    public long? PeakWorkingSetBytes { get; init; }
    public double? CpuMicrosecondsPerJob { get; init; }
    public double? StoreRowsPerSecond { get; init; }
    public double? SqliteImportRowsPerSecond { get; init; }
    public double? StoreVsSqliteImport { get; init; }
    public double? IncrementalSeconds { get; init; }
    public long? IncrementalRequests { get; init; }
    public double? ListOnlySeconds { get; init; }
    public double? LatencyBoundJobsPerSecond { get; init; }
    public double? LatencyBoundCeiling { get; init; }
    public double? ReportSeconds { get; init; }
    public double? TrendSeconds { get; init; }
    public double? DigestSeconds { get; init; }
    public long? DigestBytes { get; init; }
    public double? StoreBytesPerJob { get; init; }
    public int? FailureReasonRunJobs { get; init; }
    public double? FailureReasonRunSeconds { get; init; }
    public double? FailureReasonRunJobsPerSecond { get; init; }
    public long? FailureReasonJobsCollected { get; init; }
}
