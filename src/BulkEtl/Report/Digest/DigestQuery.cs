using System.Globalization;
using BulkEtl.Model;
using BulkEtl.Store;

namespace BulkEtl.Report.Digest;

/// <summary>
/// Reads the digest's numbers from the store through sql/digest/: the analyst views daily_failure_rates and
/// failure_reasons_by_day, the table bulk_jobs and the ledger etl_runs. Every sum and rate after that is made here in
/// C#, by the reports' rules (<see cref="ExactRate"/>, <see cref="AnomalyRule"/>).
/// </summary>
internal static class DigestQuery
{
    public const string DailyFile = "digest/daily_rates.sql";

    /// <summary>The SQL files the anomaly list reads (the daily query, then the views under it): its manifest hashes them.</summary>
    public static IReadOnlyList<string> DailySqlFiles { get; } =
    [
        DailyFile, .. new[] { "daily_failure_rates", "failure_rates_by_period", "bulk_job_periods", "job_states_reported", "job_states_counted" }
            .Select(Store.DerivedSchema.ViewFile),
    ];

    public const int ReasonsShown = 10;

    public const int NightsShown = 7;

    /// <summary>The groups' days over <paramref name="from"/>..<paramref name="to"/>, ordered by objectType, jobType, day.</summary>
    public static IReadOnlyList<DailyGroupRate> Daily(SqliteConnection connection, DateOnly from, DateOnly to) =>
        connection.Query<DailyGroupRate>(SqlScripts.Get(DailyFile), new { From = Text(from), To = Text(to) }).ToList();

    /// <summary>The flagged group-days of <paramref name="from"/>..<paramref name="to"/>, each judged against its own previous days.</summary>
    public static IReadOnlyList<Anomaly> Anomalies(SqliteConnection connection, DateOnly from, DateOnly to) =>
        AnomalyDetector.Detect(Daily(connection, from.AddDays(-AnomalyRule.PriorDays), to), from, to);

    /// <param name="night">The night to show; null for the latest run that started before the end of the day after
    /// <paramref name="day"/> (or, when none did, the latest run).</param>
    public static DigestModel Load(SqliteConnection connection, DateOnly day, DigestNight? night, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var monthFrom = day.AddDays(-29);
        // One read of the view serves the table, the sparklines and the bands of the last day.
        var daily = Daily(connection, monthFrom.AddDays(-AnomalyRule.PriorDays), day);
        var flagged = AnomalyDetector.Detect(daily, day, day);
        var groups = Groups(daily, day, flagged);

        var dayStart = StoreTime.ToText(Midnight(day));
        var dayEnd = StoreTime.ToText(Midnight(day.AddDays(1)));
        var failedJobs = connection.Query<DigestFailedJob>(SqlScripts.Get("digest/failed_jobs.sql"), new { DayStart = dayStart, DayEnd = dayEnd }).ToList();

        var allReasons = connection.Query<DigestReason>(SqlScripts.Get("digest/top_reasons.sql"), new { From = Text(day.AddDays(-6)), To = Text(day) }).ToList();
        var knownRows = allReasons.Sum(reason => reason.Rows);
        var reasons = allReasons.Take(ReasonsShown).Select(reason => reason with { Share = ExactRate.Of(reason.Rows, knownRows) }).ToList();

        // The nights up to the morning after the day: the run that reported it, and the six before.
        var nights = Nights(connection, Midnight(day.AddDays(2)));
        if (nights.Count == 0)
        {
            // A page rebuilt for a day before the first run: the runs there are, rather than none.
            nights = Nights(connection, DateTimeOffset.MaxValue);
        }

        if (night is not null)
        {
            var stored = nights.FirstOrDefault(row => row.Id == night.Id);
            night = stored is null ? night : stored with { ExitCode = night.ExitCode, FailureMessage = night.FailureMessage ?? stored.FailureMessage };
        }

        return new DigestModel(day, night ?? nights.FirstOrDefault(), flagged, failedJobs, groups, reasons, nights,
            StoreTime.ToText(timeProvider.GetUtcNow()));
    }

    /// <summary>
    /// The table's rows: every group with jobs in the 30 days, flagged ones first, then by failed rows over the 30 days
    /// (most first), then by name.
    /// </summary>
    private static IReadOnlyList<GroupSummary> Groups(IReadOnlyList<DailyGroupRate> daily, DateOnly day, IReadOnlyList<Anomaly> flagged)
    {
        var monthFrom = Text(day.AddDays(-29));
        var weekFrom = Text(day.AddDays(-6));
        var last = Text(day);
        var summaries = new List<GroupSummary>();
        foreach (var group in daily.Where(row => string.CompareOrdinal(row.Day, monthFrom) >= 0 && string.CompareOrdinal(row.Day, last) <= 0)
                     .GroupBy(row => (row.ObjectType, row.JobType)))
        {
            var (lastDay, week, month) = (WindowSums.Zero, WindowSums.Zero, WindowSums.Zero);
            var rates = new double?[30];
            foreach (var row in group)
            {
                month = month.Add(row);
                week = string.CompareOrdinal(row.Day, weekFrom) >= 0 ? week.Add(row) : week;
                lastDay = row.Day == last ? lastDay.Add(row) : lastDay;
                rates[DateOnly.ParseExact(row.Day, TextFormats.Day, CultureInfo.InvariantCulture).DayNumber - day.AddDays(-29).DayNumber] = row.FailureRate;
            }

            var flag = flagged.FirstOrDefault(anomaly => anomaly.ObjectType == group.Key.ObjectType && anomaly.JobType == group.Key.JobType);
            summaries.Add(new GroupSummary(group.Key.ObjectType, group.Key.JobType, lastDay, week, month, rates, flag));
        }

        return summaries
            .OrderBy(summary => summary.Flag is null)
            .ThenByDescending(summary => summary.Month.RowsFailed)
            .ThenBy(summary => summary.ObjectType, StringComparer.Ordinal)
            .ThenBy(summary => summary.JobType, StringComparer.Ordinal)
            .ToList();
    }

    private static List<DigestNight> Nights(SqliteConnection connection, DateTimeOffset before) =>
        connection.Query<DigestNight>(SqlScripts.Get("digest/nights.sql"), new { Before = StoreTime.ToText(before), Limit = NightsShown }).ToList();

    private static string Text(DateOnly day) => day.ToString(TextFormats.Day, CultureInfo.InvariantCulture);

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
