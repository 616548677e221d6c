using System.Globalization;
using BulkEtl.Cli;
using BulkEtl.Report.Digest;
using BulkEtl.Simulator;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Digest;

/// <summary>
/// The anomaly rule against the truth the simulator plants: on a steady tenant of 40 groups over 60 days, three planted
/// group-days are flagged and named on the page, in the CSV and in the metrics; without them, at most one group-day in
/// 200 is flagged.
/// </summary>
public sealed class AnomalyFlagTests
{
    private const int Groups = 40;
    private const int Days = 60;

    private static readonly PlantedAnomaly[] Planted =
    [
        new("contact", "Update", SteadyNight.LastDay, 0.41),
        new("invoice", "Import", SteadyNight.LastDay, 0.22),
        new("usage", "Delete", SteadyNight.LastDay, 0.35),
    ];

    [Fact]
    public async Task Run_ThreePlantedAnomalies_AreFlaggedOnThePageInTheCsvAndInTheMetrics()
    {
        await using var night = await SteadyNight.StartAsync(Groups, Days, jobsPerGroupDay: 2, Planted);
        var metricsFile = night.Folder.File("bulk_etl.prom");

        var run = await night.RunAsync("--no-failure-reasons", "--metrics-file", metricsFile);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var csv = SteadyNight.Read(night, "anomalies_2026-10-22_2026-11-20.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("objectType,jobType,day,rate,bandLow,bandHigh,rows", csv[0]);
        var lastDayRows = csv.Skip(1).Select(line => line.Split(',')).Where(cells => cells[2] == "2026-11-20").ToList();
        foreach (var anomaly in Planted)
        {
            var row = Assert.Single(lastDayRows, cells => cells[0] == anomaly.ObjectType && cells[1] == anomaly.JobType);
            Assert.Equal(anomaly.Rate, double.Parse(row[3], CultureInfo.InvariantCulture), 3);
            Assert.True(double.Parse(row[5], CultureInfo.InvariantCulture) < anomaly.Rate);
        }

        var page = SteadyNight.Read(night, "digest_2026-11-20.html");
        foreach (var anomaly in Planted)
        {
            Assert.Matches($@"<li class=""flag""><strong>▲ above band</strong> {anomaly.ObjectType} × {anomaly.JobType}: {anomaly.Rate * 100:0}(\.\d+)? % on 2026-11-20, usually \d", page);
        }

        var metrics = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile));
        Assert.Equal(lastDayRows.Count, metrics.Value("bulk_etl_anomalous_groups"));
        foreach (var anomaly in Planted)
        {
            Assert.Equal(anomaly.Rate, metrics.Value("bulk_etl_anomalous_group_failure_rate", $"job_type={anomaly.JobType},object_type={anomaly.ObjectType}"), 3);
        }
    }

    [Fact]
    public async Task Rule_SameTenantWithoutAnomalies_FlagsAtMostOneGroupDayIn200()
    {
        await using var night = await SteadyNight.StartAsync(Groups, Days, jobsPerGroupDay: 2);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync("--no-failure-reasons")).ExitCode);
        using var connection = StoreDatabase.OpenReadOnly(night.Database);
        var first = SteadyNight.LastDay.AddDays(-(Days - 1));

        var flagged = DigestQuery.Anomalies(connection, first, SteadyNight.LastDay);

        // Every group-day the rule could judge: enough rows that day and enough earlier days with a rate.
        var daily = DigestQuery.Daily(connection, first, SteadyNight.LastDay);
        var judged = daily.Count(row => row.RowsProcessed >= AnomalyRule.MinimumRows
            && daily.Count(earlier => earlier.ObjectType == row.ObjectType && earlier.JobType == row.JobType && earlier.FailureRate is not null
                && string.CompareOrdinal(earlier.Day, row.Day) < 0
                && string.CompareOrdinal(earlier.Day, DateOnly.Parse(row.Day, CultureInfo.InvariantCulture).AddDays(-AnomalyRule.PriorDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) >= 0)
                >= AnomalyRule.MinimumPriorDays);
        Assert.True(judged > 2_000, $"only {judged} group-days judged");
        Assert.True(flagged.Count * 200 <= judged, $"{flagged.Count} of {judged} group-days flagged: {string.Join("; ", flagged.Take(10))}");
        // The run's CSV lists the same flags over its own 30 days.
        var csvRows = SteadyNight.Read(night, "anomalies_2026-10-22_2026-11-20.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.Equal(flagged.Count(anomaly => string.CompareOrdinal(anomaly.Day, "2026-10-22") >= 0), csvRows);
    }
}
