using System.Globalization;
using System.Text;
using BulkEtl.Report;
using BulkEtl.Report.Digest;
using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>
/// The run's metrics in the Prometheus text exposition format, as node_exporter's textfile collector reads them,
/// written atomically (a scrape sees the previous run's file or this one's, never half). Every metric is a gauge
/// describing the last run; the names are a public contract (README, "Monitoring").
/// </summary>
internal static class RunMetricsFile
{
    public const string LastSuccess = "bulk_etl_last_success_timestamp_seconds";

    /// <summary>The metrics of a run that never opened the store (or whose ledger row is missing): zeros but the times.</summary>
    public static RunMetrics Failed(DateTimeOffset startedAt, DateTimeOffset finishedAt, DateTimeOffset? lastSuccessAt) =>
        new(startedAt, finishedAt, RunOutcome.Failed, RunCounts.Zero, 0, lastSuccessAt);

    /// <summary>
    /// The run's metrics as its ledger row holds them (a failed run's row keeps what it did before failing), with the
    /// last successful run's end from the ledger or, when the store cannot tell, from the previous metrics file.
    /// </summary>
    public static RunMetrics FromStore(string databasePath, Guid runId, RunOutcome outcome, DateTimeOffset startedAt, DateTimeOffset finishedAt,
        string metricsPath)
    {
        var previousSuccess = ReadLastSuccess(metricsPath);
        try
        {
            if (!File.Exists(databasePath))
            {
                return Failed(startedAt, finishedAt, previousSuccess) with { Outcome = outcome };
            }

            using var connection = StoreDatabase.OpenReadOnly(databasePath);
            var ledger = new RunLedger(connection, TimeProvider.System);
            var lastSuccess = ledger.Latest(1, "succeeded").FirstOrDefault()?.FinishedAt is { } text
                ? StoreTime.Parse(text)
                : previousSuccess;
            if (ledger.Find(runId) is not { } run)
            {
                return Failed(startedAt, finishedAt, lastSuccess) with { Outcome = outcome };
            }

            var counts = new RunCounts(run.Listed, run.Fetched, run.New, run.Changed, run.Unchanged, run.NotFound, run.Failed,
                run.Requests, run.Retries, run.TooManyRequests);
            return new RunMetrics(startedAt, finishedAt, outcome, counts, run.DataQualityIssues, lastSuccess);
        }
        catch (Exception exception) when (exception is StoreException or Microsoft.Data.Sqlite.SqliteException or IOException or FormatException)
        {
            // A store that cannot be read (the reason the run failed, perhaps) must not cost the metrics.
            return Failed(startedAt, finishedAt, previousSuccess) with { Outcome = outcome };
        }
    }

    /// <summary>
    /// Owner-only (0600), whatever the umask: other users of a shared host have no business with the night's counts;
    /// node_exporter's textfile collector reads it as this user or as root.
    /// </summary>
    public static Task WriteAsync(string path, RunMetrics metrics, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Format(metrics));
            await stream.WriteAsync(bytes, token);
        }, cancellationToken, LocalPath.Private);

    public static string Format(RunMetrics metrics)
    {
        var text = new StringBuilder();
        Gauge(text, "bulk_etl_last_run_start_timestamp_seconds", "Unix time the last run started.", [("", Seconds(metrics.StartedAt))]);
        Gauge(text, "bulk_etl_last_run_end_timestamp_seconds", "Unix time the last run ended.", [("", Seconds(metrics.FinishedAt))]);
        Gauge(text, "bulk_etl_last_run_outcome", "How the last run ended: 1 for its outcome, 0 for the others.",
            Enum.GetValues<RunOutcome>().Select(outcome =>
                ($"outcome=\"{outcome.ToString().ToLowerInvariant()}\"", outcome == metrics.Outcome ? "1" : "0")).ToList());
        Gauge(text, "bulk_etl_last_run_duration_seconds", "How long the last run took, in seconds.",
            [("", Number((metrics.FinishedAt - metrics.StartedAt).TotalSeconds))]);
        var counts = metrics.Counts;
        Gauge(text, "bulk_etl_last_run_jobs", "Jobs of the last run by kind: listed, fetched by id, new, changed, unchanged, not found (deleted), failed.",
        [
            ("kind=\"listed\"", Integer(counts.Listed)), ("kind=\"fetched\"", Integer(counts.Fetched)), ("kind=\"new\"", Integer(counts.New)),
            ("kind=\"changed\"", Integer(counts.Changed)), ("kind=\"unchanged\"", Integer(counts.Unchanged)),
            ("kind=\"not_found\"", Integer(counts.NotFound)), ("kind=\"failed\"", Integer(counts.Failed)),
        ]);
        Gauge(text, "bulk_etl_last_run_requests", "HTTP requests the last run sent to Zuora, retries included.", [("", Integer(counts.Requests))]);
        Gauge(text, "bulk_etl_last_run_retries", "Retries the last run made.", [("", Integer(counts.Retries))]);
        Gauge(text, "bulk_etl_last_run_too_many_requests", "Answers HTTP 429 the last run received.", [("", Integer(counts.TooManyRequests))]);
        Gauge(text, "bulk_etl_last_run_data_quality_flags", "Stored jobs flagged by a data-quality rule when the last run finished.",
            [("", Integer(metrics.DataQualityFlags))]);
        if (metrics.Anomalies is { } anomalies)
        {
            AnomalyGauges(text, anomalies);
        }

        if (metrics.LastSuccessAt is { } lastSuccess)
        {
            Gauge(text, LastSuccess, "Unix time the last successful run ended.", [("", Seconds(lastSuccess))]);
        }

        return text.ToString();
    }

    /// <summary>The last success of a previous metrics file, or null when there is none or it cannot be read.</summary>
    public static DateTimeOffset? ReadLastSuccess(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == LastSuccess
                    && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
                {
                    return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            // An unreadable previous file only loses the last success, which the next success restores.
        }

        return null;
    }

    /// <summary>How many groups left their band on the last complete day, and one sample per such group with its rate.</summary>
    private static void AnomalyGauges(StringBuilder text, IReadOnlyList<Anomaly> anomalies)
    {
        Gauge(text, "bulk_etl_anomalous_groups", "Groups (objectType x jobType) whose failure rate on the last complete UTC day lay above their usual band.",
            [("", Integer(anomalies.Count))]);
        if (anomalies.Count > 0)
        {
            Gauge(text, "bulk_etl_anomalous_group_failure_rate", "Failure rate on the last complete UTC day of each group flagged as anomalous.",
                anomalies.Select(anomaly => ($"object_type=\"{Label(anomaly.ObjectType)}\",job_type=\"{Label(anomaly.JobType)}\"",
                    anomaly.Rate.ToString("0.####", CultureInfo.InvariantCulture))).ToList());
        }
    }

    /// <summary>A label value from Zuora: control characters dropped and capped, then escaped as the exposition format asks.</summary>
    private static string Label(string value) =>
        BulkEtl.Extract.SafeText.Clip(value, 100).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static void Gauge(StringBuilder text, string name, string help, IReadOnlyList<(string Labels, string Value)> series)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var (labels, value) in series)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(value).Append('\n');
        }
    }

    private static string Seconds(DateTimeOffset instant) => Number(instant.ToUnixTimeMilliseconds() / 1000.0);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
