using System.Globalization;
using System.Text;
using BulkEtl.Model;

namespace BulkEtl.Report.Digest;

/// <summary>
/// The morning page <c>digest_&lt;day&gt;.html</c> and the flags <c>anomalies_&lt;from&gt;_&lt;to&gt;.csv</c>, written
/// atomically into the output folder like every report.
/// </summary>
internal static class DigestReport
{
    public static string PageName(DateOnly day) => $"digest_{Text(day)}.html";

    public static string AnomaliesName(DateOnly from, DateOnly to) => $"anomalies_{Text(from)}_{Text(to)}.csv";

    /// <summary>The CSV's columns: objectType, jobType, day, rate, bandLow, bandHigh, rows.</summary>
    public static CsvColumns<Anomaly> AnomalyColumns() => new(nameof(Anomaly.Median), nameof(Anomaly.PriorDays));

    /// <summary>
    /// The last complete UTC day of a window that ends on <paramref name="to"/>: <paramref name="to"/> itself, unless
    /// that is today or later, then yesterday.
    /// </summary>
    public static DateOnly LastCompleteDay(DateOnly to, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var yesterday = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime).AddDays(-1);
        return to < yesterday ? to : yesterday;
    }

    /// <returns>The page written, with its hash and size.</returns>
    public static async Task<PublishedFile> WritePageAsync(DigestModel model, string outputDirectory, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(DigestPage.Render(model));
        var path = await AtomicFile.WriteAsync(Path.Combine(outputDirectory, PageName(model.Day)), bytes, cancellationToken);
        return PublishedFile.Of(path, bytes);
    }

    /// <returns>The CSV of every group-day flagged from <paramref name="from"/> to <paramref name="to"/> and its manifest,
    /// and those rows.</returns>
    public static async Task<(IReadOnlyList<PublishedFile> Files, IReadOnlyList<Anomaly> Rows)> WriteAnomaliesAsync(SqliteConnection connection,
        DateOnly from, DateOnly to, string outputDirectory, string? runId, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var daily = DigestQuery.Daily(connection, from.AddDays(-AnomalyRule.PriorDays), to);
        var rows = AnomalyDetector.Detect(daily, from, to);
        var path = await new CsvFileWriter<Anomaly>(AnomalyColumns())
            .WriteAsync(Path.Combine(outputDirectory, AnomaliesName(from, to)), rows, cancellationToken);
        var first = Text(from);
        var jobsJudged = daily.Where(day => string.CompareOrdinal(day.Day, first) >= 0).Sum(day => day.Jobs);
        var (csv, manifest) = await ManifestWriter.WriteAsync(path, DigestQuery.DailySqlFiles,
            new ReportScope(from, to), TrendPeriod.Day, rows.Count, jobsJudged, runId, timeProvider, cancellationToken);
        return ([csv, manifest], rows);
    }

    private static string Text(DateOnly day) => day.ToString(TextFormats.Day, CultureInfo.InvariantCulture);
}
