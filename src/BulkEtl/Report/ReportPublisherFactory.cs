namespace BulkEtl.Report;

/// <summary>Makes the publisher of one store and output folder, with the composition's clock.</summary>
internal sealed class ReportPublisherFactory(TimeProvider timeProvider)
{
    public ReportPublisher Create(SqliteConnection connection, string outputDirectory, string? runId = null) =>
        new(connection, outputDirectory, timeProvider, runId);
}
