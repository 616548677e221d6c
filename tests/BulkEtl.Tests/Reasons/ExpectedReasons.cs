using System.Globalization;
using BulkEtl.Simulator;

namespace BulkEtl.Tests.Reasons;

/// <summary>
/// The oracle for issue 12: what each kind of the simulator's error rows must become, written out here by hand, and
/// the report lines computed from the simulator's generated rows, never with the code under test.
/// </summary>
internal static class ExpectedReasons
{
    public const string Header = "objectType,jobType,category,code,reason,rows,jobs,shareOfFailedRows";

    /// <summary>By <see cref="SimulatedErrorRow.Kind"/>: code, category, template.</summary>
    public static readonly (string Code, string Category, string Reason)[] ByKind =
    [
        ("53100320", "invalid value", "Invalid value for field Currency: <value>"),
        ("53100022", "missing field", "Missing required field AccountNumber"),
        ("50000040", "not found", "Account <value> not found"),
        ("53100020", "invalid value", "Email <email> is not a valid email address"),
        ("53100030", "business rule", "Contract effective date <date> is after the service activation date for <value>"),
        ("50000050", "lock contention", "Operation failed due to lock competition, please retry later"),
        ("53100021", "unknown field", "Unknown field <value>"),
    ];

    private static readonly string[] FinalStatuses = ["Completed", "Failed", "Aborted", "Cancelled"];

    /// <summary>The jobs whose reasons a run collects: final, with failed rows.</summary>
    public static IReadOnlyList<SimulatedJob> Pending(IEnumerable<SimulatedJob> jobs) =>
        jobs.Where(job => FinalStatuses.Contains(job.Status) && job.RowsFailed > 0).ToList();

    /// <summary>The summary failureReasons the tests use, and the template each must become (none holds a value).</summary>
    public static readonly IReadOnlyDictionary<string, string> SummaryReasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Row validation failed: see the error file"] = "Row validation failed: see the error file",
        ["Job aborted by user"] = "Job aborted by user",
    };

    /// <summary>
    /// Per job: (code, category, reason) → rows. A Completed job's from the simulator's own rows; any other job's
    /// downloads answer 404, so its summary's failureReason counts for all its failed rows, or nothing when it has none.
    /// </summary>
    public static Dictionary<(string Code, string Category, string Reason), long> ForJob(ZuoraSimulator simulator, SimulatedJob job) =>
        job.Status == "Completed"
            ? simulator.ErrorRows(job.Id).GroupBy(row => ByKind[row.Kind]).ToDictionary(group => group.Key, group => group.LongCount())
            : job.FailureReason is { } reason
                ? new() { [("", "", SummaryReasons[reason])] = job.RowsFailed ?? 0 }
                : [];

    /// <summary>The report's data lines, as CSV text, for the jobs created in from..to.</summary>
    public static IReadOnlyList<string> Lines(ZuoraSimulator simulator, IEnumerable<SimulatedJob> jobs, DateOnly from, DateOnly to,
        Func<SimulatedJob, Dictionary<(string Code, string Category, string Reason), long>>? reasonsOf = null)
    {
        reasonsOf ??= job => ForJob(simulator, job);
        var rows = Pending(jobs)
            .Where(job => DateOnly.FromDateTime(job.CreatedAt.UtcDateTime) >= from && DateOnly.FromDateTime(job.CreatedAt.UtcDateTime) <= to)
            .SelectMany(job => reasonsOf(job).Select(pair => (job.ObjectType, job.JobType, pair.Key, Rows: pair.Value, job.Id)))
            .GroupBy(item => (item.ObjectType, item.JobType, item.Key))
            .Select(group => (group.Key.ObjectType, group.Key.JobType, group.Key.Key, Rows: group.Sum(item => item.Rows),
                Jobs: group.Select(item => item.Id).Distinct().Count()))
            .ToList();
        var totals = rows.GroupBy(row => (row.ObjectType, row.JobType)).ToDictionary(group => group.Key, group => group.Sum(row => row.Rows));
        return rows
            .OrderBy(row => row.ObjectType, StringComparer.Ordinal).ThenBy(row => row.JobType, StringComparer.Ordinal)
            .ThenByDescending(row => row.Rows).ThenBy(row => row.Key.Code, StringComparer.Ordinal).ThenBy(row => row.Key.Reason, StringComparer.Ordinal)
            .Select(row => string.Join(',', row.ObjectType, row.JobType, row.Key.Category, row.Key.Code, Quote(row.Key.Reason),
                row.Rows.ToString(CultureInfo.InvariantCulture), row.Jobs.ToString(CultureInfo.InvariantCulture),
                Math.Round((decimal)row.Rows / totals[(row.ObjectType, row.JobType)], 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static string Quote(string cell) => cell.Contains(',') || cell.Contains('"') ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
