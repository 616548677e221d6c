using System.Diagnostics;
using System.Globalization;
using BulkEtl.Simulator;

// Measures a whole night at growing tenant sizes: wall time, throughput and the run's peak memory. The simulator
// runs in this process and the night in a child process (the real bulk-etl program), so the memory figure is the
// night's alone and shows whether it grows with the job count (the extraction streams; it should stay flat).
// Usage: dotnet run -c Release --project benchmarks/BulkEtl.Benchmarks -- [jobs ...]
var sizes = args.Length > 0 ? args.Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 50_000];
var program = Path.Combine(AppContext.BaseDirectory, "bulk-etl.dll");
Console.WriteLine("jobs,seconds,jobs_per_second,run_peak_rss_mb,requests,exit_code");
foreach (var jobs in sizes)
{
    var folder = Path.Combine(Path.GetTempPath(), "bulketl-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    try
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions
        {
            Jobs = jobs,
            Seed = 1,
            Days = 30,
            Now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero),
        });
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[]
                 {
                     program, "run", "--base-url", simulator.BaseUrl.ToString(), "--token", "sim-static-token",
                     "--db", Path.Combine(folder, "bench.db"), "--out", folder, "--from", "2026-10-22", "--to", "2026-11-20",
                     "--max-concurrency", "20", "--log-level", "warning",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var stopwatch = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!child.WaitForExit(25))
        {
            child.Refresh();
            try
            {
                peak = Math.Max(peak, child.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                // It exited between the wait and the read.
            }
        }

        stopwatch.Stop();
        await output;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{jobs},{stopwatch.Elapsed.TotalSeconds:0.00},{jobs / stopwatch.Elapsed.TotalSeconds:0},{peak / 1048576.0:0},{simulator.Stats.TotalRequests},{child.ExitCode}"));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
