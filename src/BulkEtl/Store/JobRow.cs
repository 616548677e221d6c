using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>
/// A <c>bulk_jobs</c> row as Dapper reads and writes it: timestamps as the store's ISO text and the
/// flag as INTEGER, converted here rather than through Dapper's own DateTimeOffset/bool handling.
/// </summary>
internal sealed class JobRow
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public string? Status { get; set; }

    public long? RowCount { get; set; }

    public long? RowsSucceeded { get; set; }

    public long? RowsFailed { get; set; }

    public string? LastUpdatedAt { get; set; }

    public string? FailureReason { get; set; }

    public string? ObjectType { get; set; }

    public string? JobType { get; set; }

    public long? IsCustomObject { get; set; }

    public string? CustomObjectNamespace { get; set; }

    public string? DataSourceType { get; set; }

    public string? SystemType { get; set; }

    public string? FileType { get; set; }

    public string RawJson { get; set; } = "";

    public string FirstSeenAt { get; set; } = "";

    public string UpdatedAt { get; set; } = "";

    /// <summary>The Zuora entity the job was fetched under; null without an entity header (not read back into a summary).</summary>
    public string? EntityId { get; set; }

    /// <summary>The UTC day, ISO week's Monday and month of <see cref="CreatedAt"/> (<see cref="JobPeriods"/>); written, never read back.</summary>
    public JobPeriods? Periods { get; set; }

    // A few related fields a line, in the summary's order: the mapping reads as one statement of which column holds what.
    public static JobRow From(JobSummary summary, string now) => new()
    {
        Id = summary.Id, Name = summary.Name, Description = summary.Description,
        CreatedAt = ToText(summary.CreatedAt), CreatedBy = summary.CreatedBy, Status = summary.Status,
        RowCount = summary.RowCount, RowsSucceeded = summary.RowsSucceeded, RowsFailed = summary.RowsFailed,
        LastUpdatedAt = ToText(summary.LastUpdatedAt), FailureReason = summary.FailureReason,
        ObjectType = summary.ObjectType, JobType = summary.JobType,
        IsCustomObject = summary.IsCustomObject switch { null => null, true => 1, false => 0 },
        CustomObjectNamespace = summary.CustomObjectNamespace,
        DataSourceType = summary.DataSourceType, SystemType = summary.SystemType, FileType = summary.FileType,
        RawJson = summary.RawJson, FirstSeenAt = now, UpdatedAt = now,
        Periods = JobPeriods.Of(summary.CreatedAt),
    };

    public JobSummary ToSummary() => new(
        Id, Name, Description,
        ToInstant(CreatedAt), CreatedBy, Status,
        RowCount, RowsSucceeded, RowsFailed,
        ToInstant(LastUpdatedAt), FailureReason,
        ObjectType, JobType,
        IsCustomObject switch { null => null, 0 => false, _ => true },
        CustomObjectNamespace,
        DataSourceType, SystemType, FileType,
        RawJson);

    public StoredJobState ToState() => new(Id, Status, RowCount, RowsSucceeded, RowsFailed, LastUpdatedAt);

    private static string? ToText(DateTimeOffset? instant) => StoreTime.ToText(instant);

    private static DateTimeOffset? ToInstant(string? text) => text is null ? null : StoreTime.Parse(text);
}
