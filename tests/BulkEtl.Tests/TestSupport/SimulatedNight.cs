using BulkEtl.Simulator;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.TestSupport;

/// <summary>A simulator plus a temp store and report folder, and the CLI arguments to run a night against them.</summary>
internal sealed class SimulatedNight : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Retries fast enough for tests; the pipeline's shape is the production one.</summary>
    public static readonly string[] FastRetries =
        ["--retry-base-delay", "0.01", "--retry-max-delay", "0.05", "--max-retries", "8", "--log-level", "none"];

    private SimulatedNight(ZuoraSimulator simulator, TempFolder folder)
    {
        Simulator = simulator;
        Folder = folder;
    }

    public ZuoraSimulator Simulator { get; }

    public TempFolder Folder { get; }

    public string Database => Folder.File("bulk.db");

    public string Reports => Path.Combine(Folder.Path, "reports");

    public static async Task<SimulatedNight> StartAsync(int jobs, FaultOptions? faults = null, TimeSpan? tokenLifetime = null, int seed = 7,
        Func<SimulatorOptions, SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions
        {
            Jobs = jobs,
            Seed = seed,
            Days = 30,
            Now = Now,
            Faults = faults ?? new FaultOptions(),
            TokenLifetime = tokenLifetime ?? TimeSpan.FromHours(1),
        };
        var simulator = await ZuoraSimulator.StartAsync(configure is null ? options : configure(options));
        return new SimulatedNight(simulator, new TempFolder());
    }

    public string[] RunArgs(params string[] extra) =>
    [
        "run", "--base-url", Simulator.BaseUrl.ToString(), "--client-id", Simulator.Options.ClientId,
        "--client-secret", Simulator.Options.ClientSecret, "--db", Database, "--out", Reports,
        "--from", "2026-10-22", "--to", "2026-11-20", .. WithoutOverridden(FastRetries, extra), .. extra,
    ];

    /// <summary>The default flags less those the test sets itself (a flag given twice is a usage error).</summary>
    private static IEnumerable<string> WithoutOverridden(string[] defaults, string[] extra) =>
        defaults.Chunk(2).Where(pair => !extra.Contains(pair[0])).SelectMany(pair => pair);

    public Task<CliResult> RunAsync(params string[] extra) => CliRunner.RunAsync(RunArgs(extra));

    /// <summary>Every stored job with every column that comes from Zuora, in id order, for comparing two stores.</summary>
    public static IReadOnlyList<string> StoredJobs(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return connection.Query<string>(
            """
            SELECT json_array(id, name, description, created_at, created_by, status, row_count, rows_succeeded, rows_failed,
                              last_updated_at, failure_reason, object_type, job_type, is_custom_object, custom_object_namespace,
                              data_source_type, system_type, file_type, raw_json)
            FROM bulk_jobs ORDER BY id
            """).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Folder.Dispose();
    }
}
