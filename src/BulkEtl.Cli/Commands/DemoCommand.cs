using System.CommandLine;
using BulkEtl.Cli.Composition;
using BulkEtl.Simulator;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// <c>bulk-etl demo</c>: the whole night on a fresh machine. Starts the Zuora simulator in-process on a free loopback
/// port and runs <c>run</c> against it into ./demo.db and reports/.
/// </summary>
internal static class DemoCommand
{
    public const int DemoJobs = 500;
    public const int DemoSeed = 42;

    public static Command Create(CliEnvironment environment)
    {
        var database = new Option<string>("--db") { Description = "SQLite database file", DefaultValueFactory = _ => "demo.db" };
        var output = CommonOptions.Output();
        var jobs = new Option<int>("--jobs") { Description = "Jobs in the simulated tenant", DefaultValueFactory = _ => DemoJobs };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated tenant", DefaultValueFactory = _ => DemoSeed };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("demo", "Run the nightly job against a local Zuora simulator (no network, no credentials)")
        {
            database, output, jobs, seed, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobCount = parse.GetValue(jobs);
            if (jobCount is < 0 or > 1_000_000)
            {
                throw new UsageException("--jobs must be between 0 and 1000000");
            }

            var options = new SimulatorOptions
            {
                Jobs = jobCount,
                Seed = parse.GetValue(seed),
                Days = ReportWindow.DefaultDays,
                Now = environment.TimeProvider.GetUtcNow(),
            };
            await using var simulator = await ZuoraSimulator.StartAsync(options, cancellationToken);
            environment.Output.WriteLine($"Zuora simulator with {jobCount} jobs listening on {simulator.BaseUrl}");
            var settings = new RunCommand.RunSettings(
                new ZuoraConnection(simulator.BaseUrl, null, options.ClientId, options.ClientSecret),
                parse.GetValue(database)!,
                parse.GetValue(output)!,
                From: null,
                To: null,
                JobIds: null,
                EntityIds: [],
                OrgIds: [],
                ResilienceTuning.Default,
                parse.GetValue(logLevel)!,
                "text");
            var exitCode = await RunCommand.ExecuteAsync(settings, environment, cancellationToken);
            environment.Output.WriteLine($"database: {Path.GetFullPath(settings.DatabasePath)}");
            environment.Output.WriteLine($"reports:  {Path.GetFullPath(settings.OutputDirectory)}");
            return exitCode;
        });
        command.WithExample("bulk-etl demo --jobs 2000 --db demo.db --out reports");
        return command;
    }
}
