using BulkEtl.Cli;

namespace BulkEtl.Tests.TestSupport;

/// <summary>Runs the program in-process through the same entry point as Program.Main, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(TimeProvider.System, args);

    public static async Task<CliResult> RunAsync(TimeProvider timeProvider, params string[] args) =>
        await RunAsync(timeProvider, interactive: false, args);

    public static async Task<CliResult> RunAsync(TimeProvider timeProvider, bool interactive, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, _ => null, timeProvider) { IsInteractive = interactive };
        var exitCode = await CliApp.RunAsync(args, environment);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Bad input gets one clear message, never a .NET stack trace.</summary>
    public bool HasStackTrace => Error.Contains("   at ", StringComparison.Ordinal) || Output.Contains("   at ", StringComparison.Ordinal);
}
