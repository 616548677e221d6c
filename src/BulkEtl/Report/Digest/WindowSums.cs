namespace BulkEtl.Report.Digest;

/// <summary>A group's sums over some days (the last day, 7 or 30), rated by <see cref="ExactRate"/> as the CSVs are.</summary>
internal sealed record WindowSums(long Jobs, long JobsFailed, long RowCount, long RowsSucceeded, long RowsFailed)
{
    public static WindowSums Zero { get; } = new(0, 0, 0, 0, 0);

    public double? FailureRate => ExactRate.Of(RowsFailed, RowsSucceeded + RowsFailed);

    public WindowSums Add(DailyGroupRate day) => new(Jobs + day.Jobs, JobsFailed + day.JobsFailed, RowCount + day.RowCount,
        RowsSucceeded + day.RowsSucceeded, RowsFailed + day.RowsFailed);
}
