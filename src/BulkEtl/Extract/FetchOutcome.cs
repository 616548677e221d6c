namespace BulkEtl.Extract;

/// <summary>What became of one job id asked of Zuora during a run.</summary>
public abstract record FetchOutcome(string JobId)
{
    public sealed record Fetched(JobSummary Summary) : FetchOutcome(Summary.Id);

    /// <summary>Zuora answered 404: the job was deleted between the list and the fetch (or never existed).</summary>
    public sealed record NotFound(string Id) : FetchOutcome(Id);

    /// <summary>Every retry failed; the run goes on without this job and says so.</summary>
    public sealed record Failed(string Id, string Reason) : FetchOutcome(Id);
}
