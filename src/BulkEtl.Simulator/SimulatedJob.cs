namespace BulkEtl.Simulator;

/// <summary>One job of the simulated tenant: what Zuora would answer for its summary.</summary>
public sealed record SimulatedJob(
    string Id,
    string Name,
    string? Description,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    string Status,
    long? RowCount,
    long? RowsSucceeded,
    long? RowsFailed,
    DateTimeOffset LastUpdatedAt,
    string? FailureReason,
    string ObjectType,
    string JobType,
    bool IsCustomObject,
    string? CustomObjectNamespace,
    string DataSourceType,
    string SystemType,
    string FileType,
    TimestampShape TimestampShape,
    bool OmitNullCounts = false,
    bool HasExtraField = false);

/// <summary>The three shapes Zuora's documents show for createdAt and lastUpdatedAt.</summary>
public enum TimestampShape
{
    EpochSeconds,
    EpochMilliseconds,
    Iso8601,
}
