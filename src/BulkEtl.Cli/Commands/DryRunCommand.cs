using BulkEtl.Run;

namespace BulkEtl.Cli.Commands;

/// <summary>The end of <c>run --dry-run</c>: its lines, and the exit code a night with the same outcome would have.</summary>
internal static class DryRunCommand
{
    public static int Print(DryRunResult result, CliEnvironment environment)
    {
        DryRunPrinter.Print(result, environment);
        return result.Outcome switch
        {
            RunOutcome.Succeeded => ExitCodes.Success,
            RunOutcome.Partial => ExitCodes.Partial,
            _ => ExitCodes.Failure,
        };
    }
}
