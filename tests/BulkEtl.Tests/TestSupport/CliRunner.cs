using BulkEtl.Cli;

namespace BulkEtl.Tests.TestSupport;

/// <summary>Runs the program in-process through the same entry point as Program.Main, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(TimeProvider.System, args);

    public static async Task<CliResult> RunAsync(TimeProvider timeProvider, params string[] args) =>
        await RunAsync(timeProvider, interactive: false, args);

    public static async Task<CliResult> RunAsync(TimeProvider timeProvider, bool interactive, params string[] args) =>
        await RunAsync(new Dictionary<string, string>(), workingDirectory: null, timeProvider, interactive, args);

    /// <summary>With these environment variables (the process's own are never read) and working directory.</summary>
    public static async Task<CliResult> WithEnvironmentAsync(IReadOnlyDictionary<string, string> variables, string? workingDirectory,
        params string[] args) =>
        await RunAsync(variables, workingDirectory, TimeProvider.System, interactive: false, args);

    private static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> variables, string? workingDirectory,
        TimeProvider timeProvider, bool interactive, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, name => variables.GetValueOrDefault(name), timeProvider)
        {
            IsInteractive = interactive,
            ListEnvironmentVariables = () => variables.Keys,
            // Never the test process's directory: a stray bulk-etl.json there must not change what a test sees.
            WorkingDirectory = workingDirectory ?? Path.Combine(Path.GetTempPath(), "bulk-etl-tests-no-config"),
        };
        var exitCode = await CliApp.RunAsync(args, environment);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Bad input gets one clear message, never a .NET stack trace.</summary>
    public bool HasStackTrace => Error.Contains("   at ", StringComparison.Ordinal) || Output.Contains("   at ", StringComparison.Ordinal);
}
