using System.CommandLine;
using BulkEtl.Extract;
using BulkEtl.Store;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// <c>bulk-etl runs</c>: the latest runs from the ledger, newest first, with the jobs each could not fetch. The ledger's
/// texts quote servers; a store written by an older build may hold them raw, so they are stripped again on the way out.
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var database = CommonOptions.ExistingDatabase();
        var limit = new Option<int>("--limit") { Description = "How many runs to show", DefaultValueFactory = _ => 10 };
        var command = new Command("runs", "List the latest runs recorded in the store") { database, limit };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(limit);
            if (count is < 1 or > 10_000)
            {
                throw new UsageException("--limit must be between 1 and 10000");
            }

            using var connection = ReadOnlyStore.Open(ReportCommand.ExistingDatabase(parse.GetValue(database)!));
            var ledger = new RunLedger(connection, environment.TimeProvider);
            var reasons = new FailureReasonRepository(connection, environment.TimeProvider);
            var output = environment.Output;
            output.WriteLine("started               finished              outcome    listed  fetched  new  changed  unchanged  not_found  failed  requests  retries  429s  dq  run_id");
            foreach (var run in ledger.Latest(count))
            {
                output.WriteLine(
                    $"{run.StartedAt,-21} {run.FinishedAt ?? "-",-21} {run.Outcome,-9} {run.Listed,7} {run.Fetched,8} {run.New,4} {run.Changed,8} "
                    + $"{run.Unchanged,10} {run.NotFound,10} {run.Failed,7} {run.Requests,9} {run.Retries,8} {run.TooManyRequests,5} {run.DataQualityIssues,3}  {run.Id}");
                if (run.FailureMessage is { } message)
                {
                    output.WriteLine($"    error: {SafeText.Strip(message)}");
                }

                foreach (var job in ledger.Jobs(run.Id))
                {
                    output.WriteLine($"    {job.Kind} {SafeText.Strip(job.JobId)}: {SafeText.StripOrNull(job.Reason)}");
                }

                foreach (var rejected in ledger.Rejected(run.Id))
                {
                    output.WriteLine(
                        $"    unreadable {rejected.Source} record{(rejected.JobId is { } id ? $" of job {SafeText.Strip(id)}" : " without a job id")}: {SafeText.StripOrNull(rejected.Reason)}");
                }

                if (reasons.NoErrorFileCount(run.Id) is var noErrorFile and > 0)
                {
                    output.WriteLine($"    failure reasons: {noErrorFile} job(s) recorded as no error file (no file and no failureReason after {1 + BulkEtl.Run.FailureReasonCollector.RetryNights} nights)");
                }

                foreach (var report in ledger.Reports(run.Id))
                {
                    output.WriteLine($"    wrote {report.FileName} sha256 {report.Sha256}");
                }
            }

            return ExitCodes.Success;
        });
        command.WithExample("bulk-etl runs --db bulk.db --limit 5");
        return command;
    }
}
