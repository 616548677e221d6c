using BulkEtl.Report;
using BulkEtl.Report.Digest;
using BulkEtl.Store;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// The morning page every <c>run</c> writes when it ends, whatever its outcome, with the anomaly list beside it when
/// the night wrote its reports: <c>digest_&lt;day&gt;.html</c> and <c>anomalies_&lt;from&gt;_&lt;to&gt;.csv</c> for the
/// last complete UTC day of the run's window.
/// </summary>
internal static class RunDigestOutput
{
    /// <param name="exitCode">The code the run is about to exit with; the page shows it.</param>
    /// <param name="failure">The message of the failure that ended the run, if one did.</param>
    /// <returns>The groups flagged on that day, for the metrics file; null when no page could be made (no store yet,
    /// a dry run, another run holding the store, a window that cannot be read).</returns>
    public static async Task<IReadOnlyList<Anomaly>?> WriteAsync(RunCommand.RunSettings settings, RunExtras extras, Guid runId, DateTimeOffset startedAt,
        int exitCode, string? failure, CliEnvironment environment)
    {
        var databasePath = Path.GetFullPath(settings.DatabasePath);
        var outputDirectory = Path.GetFullPath(settings.OutputDirectory);
        if (extras.DryRun || exitCode == ExitCodes.Locked || !File.Exists(databasePath) || !Directory.Exists(outputDirectory))
        {
            return null;
        }

        var timeProvider = environment.TimeProvider;
        DateOnly from, to;
        try
        {
            (from, to) = ReportWindow.Resolve(settings.From, settings.To, timeProvider);
        }
        catch (UsageException)
        {
            // The run already said what is wrong with its window; there is no day to show.
            return null;
        }

        try
        {
            var day = DigestReport.LastCompleteDay(to, timeProvider);
            // Opened as the run opens it (nothing to migrate by now), so closing it folds the WAL back as the run's own
            // close does: a read-only reader would leave the -wal and -shm files behind.
            // Never into a file that is not a store: Open would migrate it.
            StoreDatabase.RefuseForeign(databasePath);
            using var connection = StoreDatabase.Open(databasePath);
            // Not the run's token: a cancelled night's page still says so.
            if (exitCode is ExitCodes.Success or ExitCodes.Partial && from <= day)
            {
                var (files, _) = await DigestReport.WriteAnomaliesAsync(connection, from, day, outputDirectory, runId.ToString("D"), timeProvider,
                    CancellationToken.None);
                foreach (var file in files)
                {
                    environment.Output.WriteLine($"wrote {file.Path}");
                }
            }

            var night = new DigestNight
            {
                Id = runId.ToString("D"),
                StartedAt = StoreTime.ToText(startedAt),
                FinishedAt = StoreTime.ToText(timeProvider.GetUtcNow()),
                Outcome = exitCode switch { ExitCodes.Success => "succeeded", ExitCodes.Partial => "partial", _ => "failed" },
                FailureMessage = failure,
                ExitCode = exitCode,
            };
            var model = DigestQuery.Load(connection, day, night, timeProvider);
            var page = await DigestReport.WritePageAsync(model, outputDirectory, CancellationToken.None);
            environment.Output.WriteLine($"wrote {page.Path}");
            return model.Flagged;
        }
        catch (Exception exception) when (exception is StoreException or ReportException or Microsoft.Data.Sqlite.SqliteException
                                              or IOException or UnauthorizedAccessException)
        {
            // The night's own outcome stands; a missing page is noticed in the morning, a wrong exit code never would be.
            // After a failed night the cause (an unreadable store, say) was already reported once.
            if (exitCode is ExitCodes.Success or ExitCodes.Partial)
            {
                await environment.Error.WriteLineAsync($"error: the digest was not written: {exception.Message}");
            }

            return null;
        }
    }
}
