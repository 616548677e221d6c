using System.Text.RegularExpressions;
using BulkEtl.Cli;
using BulkEtl.Report.Digest;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Digest;

/// <summary>
/// The morning page opened in a real browser (headless chromium): nothing logged to the console, no connection
/// attempted beyond chromium's own housekeeping (a blank page's), every flagged group's sentence on the page, the table's numbers the CSVs' numbers, and a 1280×800
/// screenshot kept beside the test assembly (artifacts/digest-1280x800.png).
/// </summary>
public sealed partial class DigestBrowserTests
{
    private static readonly PlantedAnomaly[] Planted =
    [
        new("account", "Import", SteadyNight.LastDay, 0.37),
        new("contact", "Update", SteadyNight.LastDay, 0.41),
    ];

    [ChromiumFact]
    public async Task Page_InHeadlessChromium_ShowsTheFlagsAndTheCsvNumbersAndRequestsNothing()
    {
        // 10 groups, one job a day each over 35 days, failure reasons collected: every section has something to show.
        await using var night = await SteadyNight.StartAsync(groups: 10, days: 35, jobsPerGroupDay: 1, Planted);
        Assert.Equal(ExitCodes.Success, (await night.RunAsync()).ExitCode);
        var page = Path.Combine(night.Reports, "digest_2026-11-20.html");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "digest-1280x800.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        var visit = await HeadlessChromium.VisitAsync(page, screenshot);

        Assert.True(visit.ConsoleLines.Count == 0, string.Join('\n', visit.ConsoleLines));
        var own = await HeadlessChromium.OwnHostsAsync();
        Assert.True(visit.Hosts.IsSubsetOf(own), $"the page reached out: {string.Join('\n', visit.Requests)}");
        Assert.Contains("<h2>What needs attention</h2>", visit.Dom, StringComparison.Ordinal);
        var flags = FlagItem().Matches(visit.Dom).Select(match => match.Groups[1].Value).ToList();
        foreach (var anomaly in Planted)
        {
            Assert.Contains(flags, flag => Regex.IsMatch(flag, $@"^{anomaly.ObjectType} × {anomaly.JobType}: {anomaly.Rate * 100:0}(\.\d+)? % on 2026-11-20, usually \d"));
        }

        var table = DigestTable.Read(visit.Dom);
        var month = Csv(night, "failure-rates_2026-10-22_2026-11-20.csv");
        Assert.Equal(month.Count, table.Count);
        foreach (var row in month)
        {
            var shown = table[(row["objectType"], row["jobType"])]["month"];
            Assert.Equal((long.Parse(row["jobs"]), long.Parse(row["rowCount"]), long.Parse(row["rowsFailed"]), row["failureRate"]), shown);
        }

        var lastDay = Csv(night, "failure-rate-trend_day_2026-10-22_2026-11-20.csv").Where(row => row["period"] == "2026-11-20").ToList();
        Assert.NotEmpty(lastDay);
        foreach (var row in lastDay)
        {
            var shown = table[(row["objectType"], row["jobType"])]["day"];
            Assert.Equal((long.Parse(row["jobs"]), long.Parse(row["rowCount"]), long.Parse(row["rowsFailed"]), row["failureRate"]), shown);
        }

        Assert.Contains("<table id=\"reasons-table\">", visit.Dom, StringComparison.Ordinal);
        Assert.Equal((1280, 800), PngHeader.Read(await File.ReadAllBytesAsync(screenshot)));
    }

    [ChromiumFact]
    public async Task Harness_PageThatReachesOut_IsCaught()
    {
        // The checks above are only worth something if they can fail: a page loading an image from elsewhere must be seen.
        using var folder = new TempFolder();
        var page = folder.File("reaching.html");
        await File.WriteAllTextAsync(page, "<!DOCTYPE html><html><body><img src=\"http://example.invalid/x.png\"><script>console.error('boom')</script></body></html>");

        var visit = await HeadlessChromium.VisitAsync(page, folder.File("shot.png"));

        Assert.Contains("example.invalid", visit.Hosts);
        Assert.Contains(visit.ConsoleLines, line => line.Contains("boom", StringComparison.Ordinal));
    }

    private static List<Dictionary<string, string>> Csv(SimulatedNight night, string name)
    {
        var lines = SteadyNight.Read(night, name).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(pair => pair.First, pair => pair.Second)).ToList();
    }

    [GeneratedRegex("<li class=\"flag\"><strong>▲ above band</strong> (.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex FlagItem();
}
