using BulkEtl.Run;

namespace BulkEtl.Cli.Commands;

/// <summary>The closing lines a person or a cron mail reads: result on stdout, problems on stderr.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(RunResult result, CliEnvironment environment)
    {
        var counts = result.Counts;
        environment.Output.WriteLine(
            $"run {result.RunId} {result.Outcome.ToString().ToLowerInvariant()}: listed {counts.Listed}, fetched {counts.Fetched} "
            + $"(new {counts.New}, changed {counts.Changed}), unchanged {counts.Unchanged}, not found {counts.NotFound}, failed {counts.Failed}; "
            + $"{counts.Requests} requests, {counts.Retries} retries, {counts.TooManyRequests} answered 429 (track id {result.TrackId})");
        foreach (var file in result.ReportFiles)
        {
            environment.Output.WriteLine($"wrote {file}");
        }

        foreach (var failed in result.FailedJobs)
        {
            environment.Error.WriteLine($"error: job {failed.JobId} could not be fetched: {failed.Reason}");
        }

        foreach (var entry in result.UnreadableEntries)
        {
            environment.Error.WriteLine($"error: a list entry without a readable job id could not be read: {entry.Reason}");
        }

        if (result.FailureMessage is { } message)
        {
            environment.Error.WriteLine($"error: {message}");
        }
    }
}
