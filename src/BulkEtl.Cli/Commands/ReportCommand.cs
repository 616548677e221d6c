using System.CommandLine;
using BulkEtl.Cli.Composition;
using BulkEtl.Report;
using Microsoft.Extensions.DependencyInjection;

namespace BulkEtl.Cli.Commands;

/// <summary><c>bulk-etl report</c>: the failure-rate report from the store alone, no network.</summary>
internal static class ReportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var database = CommonOptions.ExistingDatabase();
        var output = CommonOptions.Output();
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var asOf = CommonOptions.AsOf();
        var settledOnly = CommonOptions.SettledOnly();
        var entityId = EntityIds.FilterOption();
        var command = new Command("report", "Write the failure-rate report from the store, without calling Zuora")
        {
            database, output, from, to, asOf, settledOnly, entityId,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (first, last) = ReportWindow.Resolve(parse.GetValue(from), parse.GetValue(to), environment.TimeProvider);
            var scope = new ReportScope(first, last, CommonOptions.ParseAsOf(parse.GetValue(asOf)), parse.GetValue(settledOnly),
                EntityIds.ValidateFilter(parse.GetValue(entityId)));
            using var connection = ReadOnlyStore.Open(ExistingDatabase(parse.GetValue(database)!), forReports: true);
            var outputDirectory = OutputFolder.EnsureWritable(parse.GetValue(output)!);
            await using var services = CliServices.Build(environment);
            var publisher = services.GetRequiredService<ReportPublisherFactory>().Create(connection, outputDirectory);
            var files = await publisher.FailureRatesAsync(scope, cancellationToken);
            // The data-quality list goes with the failure rates: it says which of their numbers not to trust blindly.
            files = [.. files, .. await publisher.DataQualityAsync(scope, cancellationToken)];
            files = [.. files, .. await publisher.FailureReasonsAsync(scope, cancellationToken)];
            foreach (var file in files)
            {
                environment.Output.WriteLine($"wrote {file.Path}");
            }

            return ExitCodes.Success;
        });
        command.WithExample("bulk-etl report --db bulk.db --out reports --from 2026-11-01 --to 2026-11-30 --settled-only");
        return command;
    }

    /// <summary>A report from a database that does not exist would silently create an empty one: refuse instead.</summary>
    internal static string ExistingDatabase(string path) =>
        File.Exists(path) ? path : throw new UsageException($"the database '{path}' does not exist: run 'bulk-etl run' first");
}
