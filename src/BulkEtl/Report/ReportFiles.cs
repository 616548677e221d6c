using System.Text.RegularExpressions;

namespace BulkEtl.Report;

/// <summary>The names of the files BulkEtl writes into an output folder, so it touches those and nothing else there.</summary>
internal static partial class ReportFiles
{
    /// <summary>
    /// A failure-rate report, trend (CSV or chart), data-quality list, failure-reason report, anomaly list or morning digest, or the manifest of one.
    /// Kept in step with the <c>FileName</c> methods by AtomicFileTests, which feeds their output through here.
    /// </summary>
    public static bool IsReportFileName(string name) => ReportName().IsMatch(name);

    [GeneratedRegex(
        @"^(?:failure-rates_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"
        + @"|failure-rate-trend_(?:day|week)_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.(?:csv|png|svg)"
        + @"|(?:data-quality|failure-reasons|anomalies)_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"
        + @"|digest_\d{4}-\d{2}-\d{2}\.html)(?:\.manifest\.json)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ReportName();
}
