namespace BulkEtl.Report.Digest;

/// <summary>
/// A run from the ledger as the digest shows it. <see cref="ExitCode"/> is the exit code the run command returned when
/// it writes the page itself; rebuilt from the store it is inferred from the outcome (<see cref="DigestPage"/>).
/// </summary>
internal sealed record DigestNight
{
    public string Id { get; init; } = "";

    public string StartedAt { get; init; } = "";

    public string? FinishedAt { get; init; }

    public string Outcome { get; init; } = "";

    public long Listed { get; init; }

    public long Fetched { get; init; }

    public long Failed { get; init; }

    public long NotFound { get; init; }

    public string? FailureMessage { get; init; }

    public long DataQualityIssues { get; init; }

    public int? ExitCode { get; init; }
}
