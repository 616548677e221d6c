namespace BulkEtl.Store;

/// <summary>One row of <c>etl_runs</c> as <c>bulk-etl runs</c> shows it.</summary>
internal sealed record RunRecord
{
    public string Id { get; init; } = "";

    public string StartedAt { get; init; } = "";

    public string? FinishedAt { get; init; }

    public string Outcome { get; init; } = "";

    public string TrackId { get; init; } = "";

    public long? ProcessId { get; init; }

    public string? HostName { get; init; }

    public string? WindowFrom { get; init; }

    public string? WindowTo { get; init; }

    public long Listed { get; init; }

    public long Fetched { get; init; }

    public long New { get; init; }

    public long Changed { get; init; }

    public long Unchanged { get; init; }

    public long NotFound { get; init; }

    public long Failed { get; init; }

    public long Requests { get; init; }

    public long Retries { get; init; }

    public long TooManyRequests { get; init; }

    public string? FailureMessage { get; init; }

    /// <summary>Stored jobs flagged by a data-quality rule when the run finished.</summary>
    public long DataQualityIssues { get; init; }
}

/// <summary>A job a run could not fetch, or that Zuora no longer knew.</summary>
internal sealed record RunJobRecord(string RunId, string JobId, string Kind, string? Reason);

/// <summary>A record Zuora sent that a run could not map, kept as evidence (its text capped and cleaned).</summary>
internal sealed record RejectedRecord(string RunId, string Source, string? JobId, string Reason, string? Evidence);

/// <summary>A report file a run wrote.</summary>
internal sealed record RunReportRecord(string RunId, string FileName, string Sha256, long Bytes);
