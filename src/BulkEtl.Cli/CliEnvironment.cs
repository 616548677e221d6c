namespace BulkEtl.Cli;

/// <summary>What the program takes from the outside world, so tests can run it in-process with their own.</summary>
public sealed record CliEnvironment(
    TextWriter Output,
    TextWriter Error,
    Func<string, string?> GetEnvironmentVariable,
    TimeProvider TimeProvider)
{
    /// <summary>Whether stderr is a person's terminal (progress display) rather than a cron log or a test.</summary>
    public bool IsInteractive { get; init; }
}
