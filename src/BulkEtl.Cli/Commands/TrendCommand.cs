using System.CommandLine;
using BulkEtl.Cli.Composition;
using BulkEtl.Report;
using Microsoft.Extensions.DependencyInjection;

namespace BulkEtl.Cli.Commands;

/// <summary><c>bulk-etl trend</c>: failure rate per day or ISO week as CSV, with a chart beside it.</summary>
internal static class TrendCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var database = CommonOptions.ExistingDatabase();
        var output = CommonOptions.Output();
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var by = new Option<string>("--by") { Description = "Period: day, or week (ISO weeks, named by their Monday)", DefaultValueFactory = _ => "day" };
        by.AcceptOnlyFromAmong("day", "week");
        var asOf = CommonOptions.AsOf();
        var settledOnly = CommonOptions.SettledOnly();
        var entityId = EntityIds.FilterOption();
        var command = new Command("trend", "Write the failure-rate trend (CSV, PNG and SVG) from the store")
        {
            database, output, from, to, by, asOf, settledOnly, entityId,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (first, last) = ReportWindow.Resolve(parse.GetValue(from), parse.GetValue(to), environment.TimeProvider);
            var scope = new ReportScope(first, last, CommonOptions.ParseAsOf(parse.GetValue(asOf)), parse.GetValue(settledOnly),
                EntityIds.ValidateFilter(parse.GetValue(entityId)));
            var period = parse.GetValue(by) == "week" ? TrendPeriod.Week : TrendPeriod.Day;
            using var connection = ReadOnlyStore.Open(ReportCommand.ExistingDatabase(parse.GetValue(database)!), forReports: true);
            var outputDirectory = OutputFolder.EnsureWritable(parse.GetValue(output)!);
            await using var services = CliServices.Build(environment);
            var files = await services.GetRequiredService<ReportPublisherFactory>().Create(connection, outputDirectory).TrendAsync(scope, period, cancellationToken);
            foreach (var file in files)
            {
                environment.Output.WriteLine($"wrote {file.Path}");
            }

            return ExitCodes.Success;
        });
        command.WithExample("bulk-etl trend --db bulk.db --by week --from 2026-09-01");
        return command;
    }
}
