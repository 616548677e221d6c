using System.CommandLine;
using BulkEtl.Cli.Composition;
using BulkEtl.Cli.Settings;
using BulkEtl.Extract;
using BulkEtl.Run;
using Microsoft.Extensions.DependencyInjection;

namespace BulkEtl.Cli.Commands;

/// <summary><c>bulk-etl run</c>: extract from Zuora, load into SQLite, then write the reports.</summary>
internal static class RunCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var jobIds = new Option<string[]>("--job-id") { Description = "Fetch only this job (its Zuora id, such as a UUID); repeat for several", AllowMultipleArgumentsPerToken = false };
        var settingFlags = new SettingFlags();
        var logLevel = CommonOptions.LogLevel();
        var logFormat = CommonOptions.LogFormat();
        var dryRun = new Option<bool>("--dry-run") { Description = "List, compare and fetch as usual, print what would be added and changed; write nothing" };
        var metricsFile = new Option<string?>("--metrics-file") { Description = "Write Prometheus metrics of the run here (node_exporter textfile collector)" };

        var command = new Command("run", "Extract job summaries from Zuora, load them into SQLite, write the reports")
        {
            from, to, jobIds, logLevel, logFormat, dryRun, metricsFile,
        };
        settingFlags.AddTo(command);
        var reasons = FailureReasonFlags.AddTo(command);

        command.SetAction((parse, cancellationToken) =>
        {
            var configuration = RunConfiguration.Read(LayeredSettings.Load(parse, settingFlags, environment));
            var settings = new RunSettings(
                configuration.Connection,
                configuration.RequireDatabase(),
                configuration.OutputDirectory,
                parse.GetValue(from),
                parse.GetValue(to),
                ValidateJobIds(parse.GetValue(jobIds) ?? []),
                configuration.EntityIds,
                configuration.OrgIds,
                configuration.Tuning,
                parse.GetValue(logLevel)!,
                parse.GetValue(logFormat)!)
            {
                // A read from the file host waits for a byte no longer than one attempt against Zuora may take.
                FailureReasons = reasons.Read(parse) is { } files
                    ? files with { Deadline = configuration.FailureReasonsDeadline, ReadIdleTimeout = configuration.Tuning.Resilience.AttemptTimeout }
                    : null,
            };
            return ExecuteAsync(settings, environment, cancellationToken, new RunExtras(parse.GetValue(dryRun), parse.GetValue(metricsFile)));
        });
        command.WithExample("bulk-etl run --config /etc/bulk-etl/bulk-etl.json --db /var/lib/bulk-etl/bulk.db --out /srv/reports");
        return command;
    }

    /// <summary>Everything a run needs, already validated; the demo builds one too.</summary>
    internal sealed record RunSettings(
        ZuoraConnection Connection,
        string DatabasePath,
        string OutputDirectory,
        string? From,
        string? To,
        IReadOnlyList<string>? JobIds,
        IReadOnlyList<string> EntityIds,
        IReadOnlyList<string> OrgIds,
        ResilienceTuning Tuning,
        string LogLevel,
        string LogFormat)
    {
        /// <summary>The failure-reason collection's bounds; null with --no-failure-reasons.</summary>
        public BulkEtl.Reasons.FailureFileOptions? FailureReasons { get; init; } = new();
    }

    internal static async Task<int> ExecuteAsync(RunSettings settings, CliEnvironment environment, CancellationToken cancellationToken,
        RunExtras? extras = null)
    {
        extras ??= RunExtras.None;
        // Before the metrics are ever read or written: a FIFO there would hang even the failure's report.
        RunPaths.RequireMetricsFile(extras.DryRun ? null : extras.MetricsFile);
        var timeProvider = environment.TimeProvider;
        var startedAt = timeProvider.GetUtcNow();
        var runId = Guid.CreateVersion7(startedAt);
        try
        {
            var (code, outcome) = await ExecuteAsync(settings, environment, runId, extras, cancellationToken);
            var flagged = await RunDigestOutput.WriteAsync(settings, extras, runId, startedAt, code, null, environment);
            await RunMetricsOutput.WriteAsync(extras, settings.DatabasePath, runId, outcome, startedAt, environment, flagged);
            return code;
        }
        catch (Exception exception)
        {
            // Refused configuration, spent quota, a locked or unreadable store: the page and the scheduler's metrics say failed all the same.
            var (code, message) = CliApp.Describe(exception, cancellationToken);
            var flagged = await RunDigestOutput.WriteAsync(settings, extras, runId, startedAt, code, message, environment);
            await RunMetricsOutput.WriteAsync(extras, settings.DatabasePath, runId, RunOutcome.Failed, startedAt, environment, flagged);
            throw;
        }
    }

    private static async Task<(int Code, RunOutcome Outcome)> ExecuteAsync(RunSettings settings, CliEnvironment environment, Guid runId,
        RunExtras extras, CancellationToken cancellationToken)
    {
        var timeProvider = environment.TimeProvider;
        RunPaths.RequireStoreAndOutput(settings.DatabasePath, extras.DryRun ? null : settings.OutputDirectory);
        var (first, last) = ReportWindow.Resolve(settings.From, settings.To, timeProvider);
        // A dry run writes no report, so it neither needs nor creates the output folder.
        var outputDirectory = extras.DryRun ? Path.GetFullPath(settings.OutputDirectory) : OutputFolder.EnsureWritable(settings.OutputDirectory);
        var options = settings.Connection.ToOptions(settings.EntityIds, settings.OrgIds, settings.Tuning, TrackId.ForRun(runId));

        await using var services = CliServices.Build(environment, settings.LogLevel, settings.LogFormat, options, settings.FailureReasons);

        var request = new RunRequest(settings.DatabasePath, outputDirectory, first, last, settings.JobIds);
        if (extras.DryRun)
        {
            var dryRun = await services.GetRequiredService<DryRun>().ExecuteAsync(request, cancellationToken);
            return (DryRunCommand.Print(dryRun, environment), dryRun.Outcome);
        }

        RunResult result;
        using (var progress = environment.IsInteractive ? new TerminalProgress(environment.Error, timeProvider, environment.TerminalWidth) : null)
        {
            result = await services.GetRequiredService<NightlyRun>().ExecuteAsync(request, runId, options.TrackId, cancellationToken, progress);
        }

        RunSummaryPrinter.Print(result, environment);
        return (result.Outcome switch
        {
            RunOutcome.Succeeded => ExitCodes.Success,
            RunOutcome.Partial => ExitCodes.Partial,
            _ => ExitCodes.Failure,
        }, result.Outcome);
    }

    private static IReadOnlyList<string>? ValidateJobIds(string[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        var ids = new List<string>();
        foreach (var value in values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            // Only URL-safe ids ever reach a URL path; anything else could walk to another endpoint. Kept as given.
            if (!JobId.IsValid(value))
            {
                throw new UsageException(
                    $"--job-id '{ShownValue.Printable(value)}' is not a job id: expected 1 to {JobId.MaxLength} letters, digits, '-' or '_', such as 3a3e85c4-96e7-486b-ae02-827120104301");
            }

            ids.Add(value);
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }
}
