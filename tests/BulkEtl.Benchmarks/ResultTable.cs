using System.Globalization;

namespace BulkEtl.Benchmarks;

/// <summary>The result as a table, each figure beside its target (issue 11).</summary>
public static class ResultTable
{
    public static void Print(BenchmarkResult r, TextWriter output)
    {
        var rows = new (string Name, string Value, string Target)[]
        {
            ("jobs", F(r.Jobs, "0"), ""),
            ("first run, s", F(r.FirstRunSeconds, "0.00"), r.Jobs >= 1_000_000 ? "<= 180" : ""),
            ("first run, jobs/s", F(r.FirstRunJobsPerSecond, "0"), ""),
            ("peak working set, MB", F(r.PeakWorkingSetBytes / 1048576.0, "0"), "< 250, flat in N"),
            ("CPU per job, us", F(r.CpuMicrosecondsPerJob, "0.0"), "< 100"),
            ("store writes, rows/s", F(r.StoreRowsPerSecond, "0"), ""),
            ("sqlite3 .import, rows/s", F(r.SqliteImportRowsPerSecond, "0"), ""),
            ("store / .import", F(r.StoreVsSqliteImport, "0.00"), ">= 0.5"),
            ("incremental run, s", F(r.IncrementalSeconds, "0.00"), $"<= {F(r.ListOnlySeconds * 1.5, "0.00")} (1.5 x list)"),
            ("incremental requests", F(r.IncrementalRequests, "0"), "= list pages"),
            ("list only, s", F(r.ListOnlySeconds, "0.00"), ""),
            ("latency-bound, jobs/s", F(r.LatencyBoundJobsPerSecond, "0.0"), $">= {F(r.LatencyBoundCeiling * 0.9, "0.0")} (90 % of ceiling)"),
            ("latency-bound ceiling, jobs/s", F(r.LatencyBoundCeiling, "0.0"), ""),
            ("report, s", F(r.ReportSeconds, "0.00"), "<= 3"),
            ("trend, s", F(r.TrendSeconds, "0.00"), "<= 3"),
            ("digest page, s", F(r.DigestSeconds, "0.00"), "< 1"),
            ("digest page, KB", F(r.DigestBytes / 1024.0, "0"), "< 300"),
            ("store bytes per job", F(r.StoreBytesPerJob, "0"), ""),
            ($"first run with reasons ({F(r.FailureReasonRunJobs, "0")} jobs), s", F(r.FailureReasonRunSeconds, "0.00"), ""),
            ("first run with reasons, jobs/s", F(r.FailureReasonRunJobsPerSecond, "0"), ""),
            ("jobs whose reasons were collected", F(r.FailureReasonJobsCollected, "0"), ""),
        };
        var width = rows.Max(row => row.Name.Length);
        var valueWidth = rows.Max(row => row.Value.Length);
        foreach (var (name, value, target) in rows)
        {
            output.WriteLine($"{name.PadRight(width)}  {value.PadLeft(valueWidth)}  {target}".TrimEnd());
        }
    }

    private static string F(double? value, string format) =>
        value is { } number ? number.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
