using BulkEtl.Cli;

var environment = new CliEnvironment(Console.Out, Console.Error, Environment.GetEnvironmentVariable, TimeProvider.System)
{
    // A progress line only for a person watching: not under cron, systemd, a pipe or a dumb terminal.
    IsInteractive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"),
};
return await CliApp.RunAsync(args, environment);
