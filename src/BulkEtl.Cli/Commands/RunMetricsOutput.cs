using BulkEtl.Report;
using BulkEtl.Run;

namespace BulkEtl.Cli.Commands;

/// <summary><c>run --metrics-file</c>: the metrics written at the end of every run, whatever its outcome.</summary>
internal static class RunMetricsOutput
{
    public static async Task WriteAsync(RunExtras extras, string databasePath, Guid runId, RunOutcome outcome, DateTimeOffset startedAt,
        CliEnvironment environment, IReadOnlyList<BulkEtl.Report.Digest.Anomaly>? flagged = null)
    {
        if (extras.MetricsFile is not { } path || extras.DryRun)
        {
            return;
        }

        try
        {
            var metrics = RunMetricsFile.FromStore(Path.GetFullPath(databasePath), runId, outcome, startedAt,
                environment.TimeProvider.GetUtcNow(), path) with { Anomalies = flagged };
            // Not the run's token: a cancelled or terminated night still says so to the scheduler.
            await RunMetricsFile.WriteAsync(path, metrics, CancellationToken.None);
        }
        catch (ReportException exception)
        {
            // The night's own outcome stands; the missing file shows as stale metrics, which the alert catches.
            await environment.Error.WriteLineAsync($"error: the metrics file was not written: {exception.Message}");
        }
    }
}
