namespace BulkEtl.Run;

/// <summary>How a run ended; the words are stored in etl_runs.outcome.</summary>
internal enum RunOutcome
{
    Succeeded,
    Partial,
    Failed,
}
