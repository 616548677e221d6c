using System.CommandLine;
using BulkEtl.Cli.Commands;
using BulkEtl.Extract;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Cli;

/// <summary>
/// The single entry point of the program, called by Program.Main and by the tests alike. Every failure ends here
/// as one line on stderr and an exit code: never a stack trace.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parse = BuildRoot(environment).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var message in ParseErrorText.Describe(parse))
            {
                await environment.Error.WriteLineAsync($"error: {message}");
            }

            await environment.Error.WriteLineAsync("see 'bulk-etl --help'");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = environment.Output,
                    Error = environment.Error,
                    EnableDefaultExceptionHandler = false,
                    // Program.Main owns the signals and passes them in as cancellationToken.
                    ProcessTerminationTimeout = null,
                },
                cancellationToken);
        }
        catch (Exception exception)
        {
            var (code, message) = Describe(exception, cancellationToken);
            // A message may quote a server or a file name: nothing in it may steer the terminal.
            await environment.Error.WriteLineAsync($"error: {SafeText.Strip(message)}");
            return code;
        }
    }

    /// <summary>Every command, with the help that ends in an example; the tests walk it too.</summary>
    internal static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand("BulkEtl: Zuora bulk-job summaries into SQLite, and failure-rate reports for analysts")
        {
            RunCommand.Create(environment),
            CheckCommand.Create(environment),
            ReportCommand.Create(environment),
            DemoCommand.Create(environment),
            SimulateCommand.Create(environment),
            RunsCommand.Create(environment),
            TrendCommand.Create(environment),
            DigestCommand.Create(environment),
            ConfigCommand.Create(environment),
        };
        root.WithExample("bulk-etl demo");
        CommandExamples.AppendToHelp(root);
        return root;
    }

    /// <summary>The exit code and message a failure ends the program with (the run's digest shows the same code).</summary>
    internal static (int Code, string Message) Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        UsageException => (ExitCodes.Usage, exception.Message),
        ZuoraConfigurationException => (ExitCodes.Usage, exception.Message),
        BulkEtl.Run.RunLockedException => (ExitCodes.Locked, exception.Message),
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Failure, "cancelled; what was committed before is kept"),
        ZuoraApiException api => (ExitCodes.Failure, api.RequestId is null || api.Message.Contains(api.RequestId, StringComparison.Ordinal)
            ? api.Message
            : $"{api.Message} (Zuora-Request-Id {api.RequestId})"),
        BulkEtl.Store.StoreException { IsWrongFile: true } => (ExitCodes.Usage, exception.Message),
        BulkEtl.Store.StoreException or BulkEtl.Report.ReportException => (ExitCodes.Failure, exception.Message),
        SqliteException sqlite => (ExitCodes.Failure, $"the database failed: {sqlite.Message}"),
        IOException or UnauthorizedAccessException => (ExitCodes.Failure, exception.Message),
        _ => (ExitCodes.Failure, $"unexpected {exception.GetType().Name}: {exception.Message}"),
    };
}
