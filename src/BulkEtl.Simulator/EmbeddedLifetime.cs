namespace BulkEtl.Simulator;

/// <summary>
/// The simulator lives inside another program (the CLI, a test run), which owns Ctrl+C and SIGTERM. The host's
/// default console lifetime would take SIGTERM for itself and cancel the process's exit, so the embedding program
/// would never hear of it and never stop.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
