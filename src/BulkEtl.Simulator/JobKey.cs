namespace BulkEtl.Simulator;

/// <summary>
/// A job's place in the list: createdAt (its UTC instant), then id compared ordinally. The place depends on the job
/// alone, never on the others, so a cursor holding one stays valid while the tenant changes.
/// </summary>
internal readonly record struct JobKey(long CreatedAtUtcTicks, string Id) : IComparable<JobKey>
{
    /// <summary>Sorts before every job.</summary>
    public static readonly JobKey First = new(long.MinValue, "");

    /// <summary>Sorts after every job (no DateTimeOffset reaches these ticks).</summary>
    public static readonly JobKey Last = new(long.MaxValue, "");

    public static JobKey Of(SimulatedJob job) => new(job.CreatedAt.UtcTicks, job.Id);

    public int CompareTo(JobKey other)
    {
        var byTime = CreatedAtUtcTicks.CompareTo(other.CreatedAtUtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
    }
}
