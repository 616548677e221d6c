using System.Globalization;
using BulkEtl.Extract;
using BulkEtl.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Report;

/// <summary>
/// Failure rates per (objectType, jobType) over jobs created on UTC dates <c>from</c>..<c>to</c>
/// inclusive, written as <c>failure-rates_&lt;from&gt;_&lt;to&gt;.csv</c>.
/// </summary>
public static class FailureRateReport
{
    private const string DateFormat = "yyyy-MM-dd";

    public static string FileName(DateOnly from, DateOnly to) => string.Create(
        CultureInfo.InvariantCulture, $"failure-rates_{from.ToString(DateFormat, CultureInfo.InvariantCulture)}_{to.ToString(DateFormat, CultureInfo.InvariantCulture)}.csv");

    /// <summary>The report's rows, ordered by objectType then jobType (ordinal).</summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>.</exception>
    public static IReadOnlyList<FailureRateRow> Query(SqliteConnection connection, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Validate(from, to);

        var groups = connection.Query<Group>(SqlScripts.Get("queries/failure_rates.sql"), new
        {
            FromInclusive = StartOfUtcDay(from),
            ToExclusive = StartOfUtcDay(to.AddDays(1)),
            FailedStatus = JobStatuses.Failed,
        });

        return groups
            .Select(group => new FailureRateRow(
                group.ObjectType,
                group.JobType,
                group.Jobs,
                group.JobsFailed,
                group.RowCount,
                group.RowsSucceeded,
                group.RowsFailed,
                FailureRateRow.Rate(group.RowsSucceeded, group.RowsFailed)))
            .OrderBy(row => row.ObjectType, StringComparer.Ordinal)
            .ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Queries and writes the report into <paramref name="outputDirectory"/> (created if missing).</summary>
    /// <returns>The full path of the written file.</returns>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>.</exception>
    /// <exception cref="ReportException">The file cannot be written.</exception>
    public static async Task<string> WriteAsync(
        SqliteConnection connection,
        DateOnly from,
        DateOnly to,
        string outputDirectory,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var rows = Query(connection, from, to);
        ct.ThrowIfCancellationRequested();
        var writer = new CsvFileWriter<FailureRateRow>(new FailureRateRowMap());
        return await writer.WriteAsync(Path.Combine(outputDirectory, FileName(from, to)), rows, ct);
    }

    private static void Validate(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the report period starts ({from.ToString(DateFormat, CultureInfo.InvariantCulture)}) after it ends ({to.ToString(DateFormat, CultureInfo.InvariantCulture)})"),
                nameof(from));
        }
    }

    /// <summary>Midnight UTC in the store's text form, so it compares with created_at as text.</summary>
    private static string StartOfUtcDay(DateOnly date) =>
        ZuoraTimestamp.ToStoreText(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private sealed class Group
    {
        public string ObjectType { get; set; } = "";

        public string JobType { get; set; } = "";

        public long Jobs { get; set; }

        public long JobsFailed { get; set; }

        public long RowCount { get; set; }

        public long RowsSucceeded { get; set; }

        public long RowsFailed { get; set; }
    }
}
