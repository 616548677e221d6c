namespace BulkEtl.Cli.Commands;

/// <summary>The run's operations flags (<c>--dry-run</c>, <c>--metrics-file</c>), kept apart from the connection settings.</summary>
internal sealed record RunExtras(bool DryRun = false, string? MetricsFile = null)
{
    public static RunExtras None { get; } = new();
}
