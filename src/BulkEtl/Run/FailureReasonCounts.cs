namespace BulkEtl.Run;

/// <summary>
/// What a night's failure-reason collection did. <see cref="Failed"/> jobs had a file that could not be read,
/// <see cref="Unreadable"/> ones a file that is neither CSV nor JSON lines, <see cref="FileUnavailable"/> ones a file the
/// host refused (403) even on a fresh link, <see cref="Unavailable"/> ones neither a file nor a failureReason yet, and
/// <see cref="Deferred"/> ones were not reached before the step's deadline: all are tried again the next night, except
/// the <see cref="NoErrorFile"/> jobs, asked on every allowed night and now recorded as having none. Nothing here
/// changes the run's outcome.
/// </summary>
internal sealed record FailureReasonCounts(long Pending, long Collected, long Failed, long Unavailable, long LinksRenewed,
    long FileUnavailable = 0, long Unreadable = 0, long NoErrorFile = 0, long Deferred = 0)
{
    public static FailureReasonCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>These counts and another entity's, summed field by field.</summary>
    public FailureReasonCounts Add(FailureReasonCounts other) => new(Pending + other.Pending, Collected + other.Collected,
        Failed + other.Failed, Unavailable + other.Unavailable, LinksRenewed + other.LinksRenewed, FileUnavailable + other.FileUnavailable,
        Unreadable + other.Unreadable, NoErrorFile + other.NoErrorFile, Deferred + other.Deferred);
}
