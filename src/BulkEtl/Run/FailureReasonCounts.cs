namespace BulkEtl.Run;

/// <summary>
/// What a night's failure-reason collection did. <see cref="Failed"/> jobs had a file that could not be read and
/// <see cref="Unavailable"/> ones had neither a file nor a failureReason yet: both are tried again the next night, and
/// neither changes the run's outcome.
/// </summary>
internal sealed record FailureReasonCounts(long Pending, long Collected, long Failed, long Unavailable, long LinksRenewed)
{
    public static FailureReasonCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>These counts and another entity's, summed field by field.</summary>
    public FailureReasonCounts Add(FailureReasonCounts other) => new(Pending + other.Pending, Collected + other.Collected,
        Failed + other.Failed, Unavailable + other.Unavailable, LinksRenewed + other.LinksRenewed);
}
