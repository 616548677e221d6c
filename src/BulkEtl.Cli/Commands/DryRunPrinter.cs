using BulkEtl.Run;

namespace BulkEtl.Cli.Commands;

/// <summary>What <c>run --dry-run</c> found: one line per job it would add, change or mark deleted, then the counts.</summary>
internal static class DryRunPrinter
{
    public static void Print(DryRunResult result, CliEnvironment environment)
    {
        foreach (var id in result.WouldAdd)
        {
            environment.Output.WriteLine($"would add {id}");
        }

        foreach (var change in result.WouldChange)
        {
            environment.Output.WriteLine($"would change {change.JobId}: {string.Join(", ", change.Fields)}");
        }

        foreach (var id in result.WouldMarkDeleted)
        {
            environment.Output.WriteLine($"would mark deleted {id}");
        }

        environment.Output.WriteLine(
            $"dry run {result.Outcome.ToString().ToLowerInvariant()}: listed {result.Listed}, fetched {result.Fetched}; "
            + $"would add {result.WouldAdd.Count}, would change {result.WouldChange.Count}, unchanged {result.Unchanged}, "
            + $"would mark deleted {result.WouldMarkDeleted.Count}, failed {result.Failed.Count}; {result.Requests} requests; nothing was written");
        foreach (var id in result.Failed)
        {
            environment.Error.WriteLine($"error: job {id} could not be fetched");
        }

        if ((result.FailureMessage ?? result.ListingUnverified) is { } message)
        {
            environment.Error.WriteLine($"error: {message}");
        }
    }
}
