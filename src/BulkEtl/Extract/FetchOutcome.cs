using BulkEtl.Model;

namespace BulkEtl.Extract;

/// <summary>What became of one job id asked of Zuora during a run, or of one list entry that could not be read.</summary>
internal abstract record FetchOutcome(string? JobId)
{
    public sealed record Fetched(JobSummary Summary) : FetchOutcome(Summary.Id);

    /// <summary>Zuora answered 404: the job was deleted between the list and the fetch (or never existed).</summary>
    public sealed record NotFound(string Id) : FetchOutcome(Id);

    /// <summary>
    /// Every retry failed, or the answer could not be used (<paramref name="Evidence"/> then holds its text, capped);
    /// the run goes on without this job and says so.
    /// </summary>
    public sealed record Failed(string Id, string Reason, string? Evidence = null) : FetchOutcome(Id);

    /// <summary>
    /// A list entry that could not be mapped. When its id could still be read, the job is fetched by id as well and
    /// this is only evidence; without an id it is a job the night could not account for.
    /// </summary>
    public sealed record Unreadable(UnreadableRecord Record) : FetchOutcome(Record.JobId);
}
