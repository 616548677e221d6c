using System.CommandLine;
using System.Globalization;
using BulkEtl.Model;
using BulkEtl.Report.Digest;

namespace BulkEtl.Cli.Commands;

/// <summary><c>bulk-etl digest</c>: the morning page rebuilt from the store alone, for any day.</summary>
internal static class DigestCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var database = CommonOptions.ExistingDatabase();
        var output = CommonOptions.Output();
        var day = new Option<string?>("--day") { Description = "The UTC day the page is about, yyyy-MM-dd (default: yesterday, the last complete day)" };
        var command = new Command("digest", "Write the morning page digest_<day>.html (the night, unusual groups, failure rates) from the store")
        {
            database, output, day,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var shown = parse.GetValue(day) is { } text
                ? ParseDay(text)
                : DateOnly.FromDateTime(environment.TimeProvider.GetUtcNow().UtcDateTime).AddDays(-1);
            using var connection = ReadOnlyStore.Open(ReportCommand.ExistingDatabase(parse.GetValue(database)!));
            var outputDirectory = OutputFolder.EnsureWritable(parse.GetValue(output)!);
            var model = DigestQuery.Load(connection, shown, night: null, environment.TimeProvider);
            var page = await DigestReport.WritePageAsync(model, outputDirectory, cancellationToken);
            environment.Output.WriteLine($"wrote {page.Path}");
            return ExitCodes.Success;
        });
        command.WithExample("bulk-etl digest --db /var/lib/bulk-etl/bulk.db --out /var/lib/bulk-etl/reports --day 2026-11-20");
        return command;
    }

    private static DateOnly ParseDay(string text)
    {
        // The page reads 29 days before it and its window lasts a day after: the report window's range, with that margin.
        var first = ReportWindow.FirstAllowed.AddDays(29 + AnomalyRule.PriorDays);
        return !DateOnly.TryParseExact(text, TextFormats.Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? throw new UsageException($"--day '{ShownValue.Printable(text)}' is not a date in the form {TextFormats.Day}")
            : parsed < first || parsed > ReportWindow.LastAllowed.AddDays(-1)
                ? throw new UsageException($"--day '{text}' is outside the supported range {first.ToString(TextFormats.Day, CultureInfo.InvariantCulture)} to "
                    + ReportWindow.LastAllowed.AddDays(-1).ToString(TextFormats.Day, CultureInfo.InvariantCulture))
                : parsed;
    }
}
