using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BulkEtl.Benchmarks;
using BulkEtl.Report;
using BulkEtl.Simulator;
using BulkEtl.Store;

// The performance of a night, stage by stage, against the simulator over loopback HTTP (see README, "Performance").
// Usage: dotnet run -c Release --project tests/BulkEtl.Benchmarks -- [--jobs N] [--out bench.json] [--skip-large]
// --skip-large leaves out the latency-bound run (2,000 jobs at 50 ms a call: about 11 s); its keys are then null.
var jobs = 100_000;
string? outPath = null;
var skipLarge = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--jobs": jobs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": outPath = args[++i]; break;
        case "--skip-large": skipLarge = true; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

const int MaxConcurrency = 10;
const int LatencyJobs = 2_000;
const int ReasonJobs = 5_000;
var latency = TimeSpan.FromMilliseconds(50);
var folder = Path.Combine(Path.GetTempPath(), "bulketl-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    var database = Path.Combine(folder, "bench.db");
    var result = new BenchmarkResult { Jobs = jobs };
    await using (var simulator = await Workload.StartSimulatorAsync(jobs))
    {
        Stage("first run (child process)");
        var first = await ChildNight.RunAsync(simulator.BaseUrl, database, folder, MaxConcurrency, failureReasons: false);
        if (first.ExitCode != 0)
        {
            Console.Error.WriteLine($"the first run exited {first.ExitCode}: {first.Errors}");
            return 1;
        }

        result = result with
        {
            FirstRunSeconds = first.Seconds,
            FirstRunJobsPerSecond = jobs / first.Seconds,
            PeakWorkingSetBytes = first.PeakBytes,
            CpuMicrosecondsPerJob = first.Cpu.TotalMicroseconds / jobs,
            StoreBytesPerJob = (double)StoreBytes(database) / jobs,
        };

        Stage("list only");
        var list = await ListPager.PageAllAsync(simulator.BaseUrl);
        var clientList = await InProcessNight.ListThroughClientAsync(simulator.BaseUrl);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  list only {list.Seconds:0.00} s; through BulkEtl's client {clientList:0.00} s"));
        Stage("incremental run (no change)");
        simulator.Stats.Reset();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var incremental = await InProcessNight.RunAsync(simulator.BaseUrl, database, folder, MaxConcurrency);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  incremental {incremental.Seconds:0.00} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:0.00} s CPU (simulator included)"));
        result = result with
        {
            ListOnlySeconds = list.Seconds,
            IncrementalSeconds = incremental.Seconds,
            IncrementalRequests = simulator.Stats.TotalRequests,
        };
    }

    Stage("report and trend");
    result = result with
    {
        ReportSeconds = await MedianSecondsAsync(database, folder, (publisher, scope) => publisher.FailureRatesAsync(scope, CancellationToken.None)),
        TrendSeconds = await MedianSecondsAsync(database, folder, (publisher, scope) => publisher.TrendAsync(scope, TrendPeriod.Day, CancellationToken.None)),
    };

    Stage("digest page");
    var (digestSeconds, digestBytes) = await DigestPageBench.RunAsync(database, folder, Workload.To.AddDays(-1));
    result = result with { DigestSeconds = digestSeconds, DigestBytes = digestBytes };

    // Collecting failure reasons fetches one error file per job with failed rows: its own stage, on a smaller tenant,
    // so the first-run figures above stay the summaries' alone.
    var reasonJobs = Math.Min(jobs, ReasonJobs);
    Stage($"first run with failure reasons ({reasonJobs} jobs, child process)");
    await using (var reasonsTenant = await Workload.StartSimulatorAsync(reasonJobs))
    {
        var reasonsFolder = Directory.CreateDirectory(Path.Combine(folder, "reasons")).FullName;
        var reasonsDatabase = Path.Combine(reasonsFolder, "reasons.db");
        var withReasons = await ChildNight.RunAsync(reasonsTenant.BaseUrl, reasonsDatabase, reasonsFolder, MaxConcurrency, failureReasons: true);
        if (withReasons.ExitCode != 0)
        {
            Console.Error.WriteLine($"the run with failure reasons exited {withReasons.ExitCode}: {withReasons.Errors}");
            return 1;
        }

        result = result with
        {
            FailureReasonRunJobs = reasonJobs,
            FailureReasonRunSeconds = withReasons.Seconds,
            FailureReasonRunJobsPerSecond = reasonJobs / withReasons.Seconds,
            FailureReasonJobsCollected = CollectedReasonJobs(reasonsDatabase),
        };
    }

    Stage("store writes vs sqlite3 .import");
    var store = StoreWriteBench.Run(database, folder);
    result = result with
    {
        StoreRowsPerSecond = store.StoreRowsPerSecond,
        SqliteImportRowsPerSecond = store.ImportRowsPerSecond,
        StoreVsSqliteImport = store.StoreRowsPerSecond / store.ImportRowsPerSecond,
    };

    if (!skipLarge)
    {
        Stage($"latency-bound run ({LatencyJobs} jobs, {latency.TotalMilliseconds} ms a call, concurrency {MaxConcurrency})");
        await using var slow = await Workload.StartSimulatorAsync(LatencyJobs, new FaultOptions { Latency = latency });
        var (seconds, _) = await InProcessNight.RunAsync(slow.BaseUrl, Path.Combine(folder, "latency.db"), folder, MaxConcurrency);
        var pages = (LatencyJobs + 49) / 50;
        result = result with
        {
            LatencyBoundJobsPerSecond = LatencyJobs / seconds,
            LatencyBoundCeiling = MaxConcurrency / latency.TotalSeconds * LatencyJobs / (LatencyJobs + pages),
        };
    }

    ResultTable.Print(result, Console.Out);
    if (outPath is not null)
    {
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    }

    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

// How many jobs the run stored failure reasons for: proof the stage measured a collection, not a run without one.
static long CollectedReasonJobs(string database)
{
    using var connection = StoreDatabase.OpenReadOnly(database);
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT COUNT(*) FROM bulk_job_failure_reason_runs";
    return (long)command.ExecuteScalar()!;
}

static void Stage(string name) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name}");

static long StoreBytes(string database) =>
    new[] { database, database + "-wal" }.Where(File.Exists).Sum(path => new FileInfo(path).Length);

// The median of three, each on a fresh read-only connection as the `report` and `trend` commands open one.
static async Task<double> MedianSecondsAsync(string database, string folder, Func<ReportPublisher, ReportScope, Task> publish)
{
    var times = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        using var connection = StoreDatabase.OpenReadOnly(database, allowTempWrites: true);
        await publish(new ReportPublisherFactory(TimeProvider.System).Create(connection, folder), new ReportScope(Workload.From, Workload.To));
        times.Add(stopwatch.Elapsed.TotalSeconds);
    }

    return times.Order().ElementAt(1);
}
