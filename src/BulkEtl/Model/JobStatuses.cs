namespace BulkEtl.Model;

/// <summary>
/// Zuora's documented status enum and which of its values are final, the one definition. SQL reads them from the
/// table job_statuses, which every writable open of a store rewrites from these (Store/DerivedSchema); the simulator
/// takes <see cref="All"/>.
/// </summary>
public static class JobStatuses
{
    public const string Created = "Created";
    public const string Submitted = "Submitted";
    public const string InProgress = "In Progress";
    public const string Aborting = "Aborting";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Aborted = "Aborted";
    public const string Cancelled = "Cancelled";
    public const string Downloading = "Downloading";

    public static IReadOnlyList<string> All { get; } =
        [Created, Submitted, InProgress, Aborting, Completed, Failed, Aborted, Cancelled, Downloading];

    /// <summary>Zuora's own workflow task stops polling at these: they never change again.</summary>
    public static IReadOnlyList<string> Final { get; } = [Completed, Failed, Aborted, Cancelled];
}
