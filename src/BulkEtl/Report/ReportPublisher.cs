namespace BulkEtl.Report;

/// <summary>
/// Writes the analysts' files, each CSV with its manifest: the failure-rate report, the trend with its chart, and the
/// data-quality list. Used by the report commands and by a night's run alike, so every file is made one way. Each
/// file comes back with its hash and size, taken from the bytes written, so nobody reads it again to record it.
/// </summary>
internal sealed class ReportPublisher(SqliteConnection connection, string outputDirectory, TimeProvider timeProvider, string? runId = null)
{
    // Whether the CSVs show an entityId column and group by entity: read once, so the rows and the columns agree.
    private readonly Lazy<bool> _byEntity = new(() => EntityColumn.IsShown(connection));

    // The states each scope counts, selected once for all the files of that scope.
    private readonly ReportStates _states = new(connection);

    /// <returns>The CSV and its manifest.</returns>
    public async Task<IReadOnlyList<PublishedFile>> FailureRatesAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var rows = FailureRateReport.Query(_states, scope, _byEntity.Value);
        var csv = await new CsvFileWriter<FailureRateRow>(FailureRateReport.Columns(_byEntity.Value))
            .WriteAsync(Path.Combine(outputDirectory, FailureRateReport.FileName(scope.From, scope.To)), rows, cancellationToken);
        var (published, manifest) = await ManifestWriter.WriteAsync(csv, FailureRateReport.SqlFiles, scope, null, rows.Count,
            rows.Sum(row => row.Jobs), runId, timeProvider, cancellationToken);
        return [published, manifest];
    }

    /// <returns>The CSV, its manifest, and the chart as PNG and SVG.</returns>
    public async Task<IReadOnlyList<PublishedFile>> TrendAsync(ReportScope scope, TrendPeriod by, CancellationToken cancellationToken)
    {
        var rows = FailureRateQuery.Run(_states, scope, by, _byEntity.Value);
        var files = await FailureRateTrendReport.WriteAsync(_states, rows, scope, by, outputDirectory, cancellationToken, _byEntity.Value);
        var (published, manifest) = await ManifestWriter.WriteAsync(files.Csv, FailureRateTrendReport.SqlFiles, scope, by, rows.Count,
            rows.Sum(row => row.Jobs), runId, timeProvider, cancellationToken);
        return [published, manifest, files.Png, files.Svg];
    }

    /// <returns>The CSV and its manifest.</returns>
    public async Task<IReadOnlyList<PublishedFile>> DataQualityAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var rows = DataQualityReport.Query(_states, scope);
        var csv = await new CsvFileWriter<DataQualityRow>(new CsvColumns<DataQualityRow>())
            .WriteAsync(Path.Combine(outputDirectory, DataQualityReport.FileName(scope)), rows, cancellationToken);
        var (published, manifest) = await ManifestWriter.WriteAsync(csv, DataQualityReport.SqlFiles, scope, null, rows.Count,
            rows.Select(row => row.JobId).Distinct(StringComparer.Ordinal).LongCount(), runId, timeProvider, cancellationToken);
        return [published, manifest];
    }

    /// <returns>The failure-reason CSV and its manifest.</returns>
    public async Task<IReadOnlyList<PublishedFile>> FailureReasonsAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var rows = FailureReasonReport.Query(_states, scope);
        var csv = await new CsvFileWriter<FailureReasonRow>(new CsvColumns<FailureReasonRow>())
            .WriteAsync(Path.Combine(outputDirectory, FailureReasonReport.FileName(scope)), rows, cancellationToken);
        var (published, manifest) = await ManifestWriter.WriteAsync(csv, FailureReasonReport.SqlFiles, scope, null, rows.Count,
            FailureReasonReport.CountJobs(_states, scope), runId, timeProvider, cancellationToken);
        return [published, manifest];
    }
}
