using System.Runtime.InteropServices;
using BulkEtl.Cli;

var environment = new CliEnvironment(Console.Out, Console.Error, Environment.GetEnvironmentVariable, TimeProvider.System)
{
    // A progress line only for a person watching: not under cron, systemd, a pipe or a dumb terminal.
    IsInteractive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"),
    TerminalWidth = TerminalColumns,
    ListEnvironmentVariables = () => Environment.GetEnvironmentVariables().Keys.Cast<string>(),
};

// Ctrl+C and SIGTERM (systemctl stop) cancel the work instead of killing the process, so a run can record itself
// as cancelled and release its lock; the exit code then follows the shell's 128 + signal convention.
using var stop = new CancellationTokenSource();
int? signalExitCode = null;
void OnSignal(PosixSignalContext context, int exitCode)
{
    // A second signal is someone insisting: let it end the process the default way.
    if (signalExitCode is not null)
    {
        return;
    }

    context.Cancel = true;
    signalExitCode = exitCode;
    stop.Cancel();
}

using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, ExitCodes.Terminated));
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, ExitCodes.Interrupted));
var exitCode = await CliApp.RunAsync(args, environment, stop.Token);
return exitCode == ExitCodes.Success ? exitCode : signalExitCode ?? exitCode;

// A terminal that cannot say its size is drawn on uncut rather than failing the run.
static int? TerminalColumns()
{
    try
    {
        return Console.WindowWidth is > 0 and var columns ? columns : null;
    }
    catch (Exception exception) when (exception is IOException or PlatformNotSupportedException)
    {
        return null;
    }
}
