using System.Globalization;
using BulkEtl.Simulator;

namespace BulkEtl.Tests.TestSupport;

/// <summary>
/// The failure-rate report computed straight from the simulator's own tenant, independently of BulkEtl's SQL,
/// so an end-to-end test compares two separate derivations of the same numbers.
/// </summary>
internal static class ExpectedReport
{
    public const string Header = "objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate";

    public static IReadOnlyList<string> FailureRateLines(IEnumerable<SimulatedJob> jobs, DateOnly from, DateOnly to) =>
        jobs.Where(job => InWindow(job.CreatedAt, from, to))
            .GroupBy(job => (job.ObjectType, job.JobType))
            .OrderBy(group => group.Key.ObjectType, StringComparer.Ordinal)
            .ThenBy(group => group.Key.JobType, StringComparer.Ordinal)
            .Select(group => Line(group.Key.ObjectType, group.Key.JobType, group.ToList()))
            .ToList();

    /// <summary>The trend's lines: period (the day, or the Monday of the ISO week), then the report's columns.</summary>
    public static IReadOnlyList<string> TrendLines(IEnumerable<SimulatedJob> jobs, DateOnly from, DateOnly to, bool byWeek) =>
        jobs.Where(job => InWindow(job.CreatedAt, from, to))
            .GroupBy(job => (Period: Period(job.CreatedAt, byWeek), job.ObjectType, job.JobType))
            .OrderBy(group => group.Key.Period, StringComparer.Ordinal)
            .ThenBy(group => group.Key.ObjectType, StringComparer.Ordinal)
            .ThenBy(group => group.Key.JobType, StringComparer.Ordinal)
            .Select(group => group.Key.Period + "," + Line(group.Key.ObjectType, group.Key.JobType, group.ToList()))
            .ToList();

    private static string Period(DateTimeOffset createdAt, bool byWeek)
    {
        var day = DateOnly.FromDateTime(createdAt.UtcDateTime);
        if (byWeek)
        {
            day = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        }

        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static bool InWindow(DateTimeOffset createdAt, DateOnly from, DateOnly to)
    {
        var day = DateOnly.FromDateTime(createdAt.UtcDateTime);
        return day >= from && day <= to;
    }

    private static string Line(string objectType, string jobType, IReadOnlyList<SimulatedJob> jobs)
    {
        var succeeded = jobs.Sum(job => job.RowsSucceeded ?? 0);
        var failed = jobs.Sum(job => job.RowsFailed ?? 0);
        var rate = succeeded + failed == 0
            ? ""
            : Math.Round((decimal)failed / (succeeded + failed), 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture);
        return string.Join(',',
            Cell(objectType), Cell(jobType), jobs.Count, jobs.Count(job => job.Status == "Failed"),
            jobs.Sum(job => job.RowCount ?? 0), succeeded, failed, rate);
    }

    private static string Cell(string text) => text.IndexOfAny([',', '"', '\n', '\r']) >= 0
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;
}
