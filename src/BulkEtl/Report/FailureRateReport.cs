using System.Globalization;
using BulkEtl.Model;

namespace BulkEtl.Report;

/// <summary>
/// Failure rates per (objectType, jobType) over jobs created on UTC dates <c>from</c>..<c>to</c>
/// inclusive, written as <c>failure-rates_&lt;from&gt;_&lt;to&gt;.csv</c>.
/// </summary>
internal static class FailureRateReport
{
    /// <summary>The SQL files the report reads, in the order they run, then the views they read: a manifest hashes them.</summary>
    public static IReadOnlyList<string> SqlFiles { get; } =
        [ReportStates.File, FailureRateQuery.File, .. ReportViews.States];

    public static string FileName(DateOnly from, DateOnly to) => string.Create(
        CultureInfo.InvariantCulture, $"failure-rates_{from.ToString(TextFormats.Day, CultureInfo.InvariantCulture)}_{to.ToString(TextFormats.Day, CultureInfo.InvariantCulture)}.csv");

    /// <summary>The CSV's columns: no period (the report is one window), an entityId first only when asked.</summary>
    public static CsvColumns<FailureRateRow> Columns(bool withEntity) =>
        withEntity ? new(nameof(FailureRateRow.Period)) : new(nameof(FailureRateRow.Period), nameof(FailureRateRow.EntityId));

    /// <summary>The report's rows, ordered by objectType then jobType (ordinal).</summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>.</exception>
    public static IReadOnlyList<FailureRateRow> Query(SqliteConnection connection, DateOnly from, DateOnly to) =>
        Query(connection, new ReportScope(from, to));

    /// <summary>The report's rows for <paramref name="scope"/>, ordered by objectType then jobType (ordinal).</summary>
    public static IReadOnlyList<FailureRateRow> Query(SqliteConnection connection, ReportScope scope, bool? byEntity = null) =>
        Query(new ReportStates(connection), scope, byEntity ?? EntityColumn.IsShown(connection));

    public static IReadOnlyList<FailureRateRow> Query(ReportStates states, ReportScope scope, bool byEntity) =>
        FailureRateQuery.Run(states, scope, by: null, byEntity);
}
