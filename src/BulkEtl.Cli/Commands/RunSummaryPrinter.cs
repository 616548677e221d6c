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
        if (result.FailureReasons is { } reasons)
        {
            // Never part of the outcome: a job whose file could not be read is tried again next run.
            environment.Output.WriteLine(
                $"failure reasons: {reasons.Pending} job(s) pending, {reasons.Collected} collected, {reasons.Failed} failed, "
                + $"{reasons.Unavailable} without a file or reason yet, {reasons.LinksRenewed} expired link(s) renewed, "
                + $"{reasons.FileUnavailable} file(s) unavailable, {reasons.Unreadable} unreadable file(s), {reasons.NoErrorFile} recorded as no error file, "
                + $"{reasons.Deferred} left for the next night");
            if (reasons.Failed > 0)
            {
                environment.Error.WriteLine(
                    $"warning: the failure reasons of {reasons.Failed} job(s) could not be read (see the log); they are tried again next run");
            }

            if (reasons.Unreadable + reasons.FileUnavailable > 0)
            {
                environment.Error.WriteLine(
                    $"warning: {reasons.Unreadable} error file(s) are neither CSV nor JSON lines and {reasons.FileUnavailable} could not be downloaded (403 on a fresh link); they are tried again next run");
            }

            if (reasons.Deferred > 0)
            {
                environment.Error.WriteLine(
                    $"warning: the failure-reason step reached its deadline (FailureReasons:Deadline); {reasons.Deferred} job(s) are left for the next night");
            }
        }

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
