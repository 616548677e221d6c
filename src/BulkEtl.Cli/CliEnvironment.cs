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

    /// <summary>Columns of that terminal, asked at each redraw (a window can be resized); null when unknown.</summary>
    public Func<int?> TerminalWidth { get; init; } = () => null;

    /// <summary>The names of the environment variables (for the BULKETL__ prefix); values come from <see cref="GetEnvironmentVariable"/>.</summary>
    public Func<IEnumerable<string>> ListEnvironmentVariables { get; init; } = () => [];

    /// <summary>Where ./bulk-etl.json is looked for; null for the process's current directory.</summary>
    public string? WorkingDirectory { get; init; }
}
