using System.Diagnostics;
using System.Globalization;

namespace BulkEtl.Benchmarks;

/// <summary>
/// A night run by the real <c>bulk-etl</c> program in its own process, so its memory and CPU are its own: peak from
/// VmHWM and CPU from the process (user + system), both read while it lives (polled every 20 ms).
/// </summary>
public static class ChildNight
{
    public sealed record Measured(double Seconds, TimeSpan Cpu, long PeakBytes, int ExitCode, string Errors);

    /// <param name="failureReasons">Collect why rows failed (one error file per job with failed rows), as a night does by
    /// default; off, the run is the summaries alone, which is what the first-run targets are about.</param>
    public static async Task<Measured> RunAsync(Uri baseUrl, string database, string output, int maxConcurrency, bool failureReasons)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "bulk-etl.dll"), "run", "--base-url", baseUrl.ToString(),
                     "--token", "sim-static-token", "--db", database, "--out", output,
                     "--from", Workload.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                     "--to", Workload.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                     "--max-concurrency", maxConcurrency.ToString(CultureInfo.InvariantCulture), "--log-level", "warning",
                 }.Concat(failureReasons ? [] : ["--no-failure-reasons"]))
        {
            start.ArgumentList.Add(arg);
        }

        var stopwatch = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        var cpu = TimeSpan.Zero;
        long peak = 0;
        while (!child.WaitForExit(20))
        {
            try
            {
                child.Refresh();
                cpu = child.TotalProcessorTime;
                peak = Math.Max(peak, PeakOf(child.Id));
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                // It exited between the wait and the read.
            }
        }

        stopwatch.Stop();
        await stdout;
        return new Measured(stopwatch.Elapsed.TotalSeconds, cpu, peak, child.ExitCode, await stderr);
    }

    /// <summary>VmHWM: the process's peak resident set, in bytes.</summary>
    private static long PeakOf(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
