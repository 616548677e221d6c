using System.Globalization;
using System.Text;
using BulkEtl.Model;
using BulkEtl.Store;

namespace BulkEtl.Report.Digest;

/// <summary>
/// The morning page as one self-contained HTML document: inline CSS and inline SVG, no script, nothing fetched from
/// anywhere (its Content-Security-Policy forbids it too), so it reads the same opened from disk or attached to an
/// e-mail. Sections in the order an operator asks: the night, what needs attention, the failure-rate table, the top
/// reasons, the last nights. Every status is said in words or symbols, colour only repeats it.
/// </summary>
internal static class DigestPage
{
    /// <summary>Rows of the table and of the failed-job list beyond which the page points to the CSVs instead.</summary>
    public const int MaxGroups = 150;

    public const int MaxFailedJobs = 20;

    private const string Style =
        """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1d1d1f;background:#fff;line-height:1.4;max-width:80rem}
        h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
        p.sub{margin:0;color:#555}
        table{border-collapse:collapse;font-size:.875rem;margin:.25rem 0}
        th,td{border:1px solid #d0d0d0;padding:.2rem .45rem;text-align:right;vertical-align:middle}
        th{background:#f3f3f3;font-weight:600}th[scope=row],td.text{text-align:left}
        thead th{position:sticky;top:0}
        .outcome{font-size:1.1rem;font-weight:600;padding:.3rem .6rem;display:inline-block;border-radius:.25rem;border:1px solid}
        .succeeded{background:#e6f4ea;border-color:#1e7e34}.partial{background:#fff4e0;border-color:#b36b00}.failed{background:#fdecea;border-color:#b00020}
        dl.night{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:.5rem 0}dl.night dt{color:#555}dl.night dd{margin:0}
        ul.flags{padding-left:1.2rem}li.flag{margin:.2rem 0}li.flag strong{color:#b00020}
        tr.flagged th,tr.flagged td{background:#fdecea}
        svg.spark polyline{fill:none;stroke:#3366cc;stroke-width:1.3}svg.spark .axis{stroke:#bbb;stroke-width:1}
        svg.spark circle.last{fill:#3366cc}svg.spark circle.flagged{fill:#fff;stroke:#b00020;stroke-width:1.6}
        .none{color:#555;font-style:italic}footer{margin-top:2rem;color:#555;font-size:.8rem}
        """;

    public static string Render(DigestModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder(64 * 1024);
        var day = Day(model.Day);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>BulkEtl digest ").Append(day).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>BulkEtl morning digest: ").Append(day).Append("</h1>\n")
            .Append("<p class=\"sub\">Zuora bulk jobs created on ").Append(day).Append(" (UTC), the 7 and 30 days up to it, and the last nights.</p>\n");
        Night(html, model);
        Attention(html, model);
        Rates(html, model);
        Reasons(html, model);
        Nights(html, model);
        html.Append("<footer><p>").Append(RuleSentence).Append("</p><p>Generated ").Append(DigestText.Encode(model.GeneratedAt))
            .Append(" by BulkEtl ").Append(DigestText.Encode(ManifestWriter.ToolVersion, 80))
            .Append(". Rates are rows failed / (rows succeeded + rows failed), rounded to 4 decimals as in the CSV reports.</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The rule in one sentence, as README states it.</summary>
    public static string RuleSentence { get; } = string.Create(CultureInfo.InvariantCulture,
        $"A group is flagged when its failure rate on a day lies above the median of its daily rates over the previous {AnomalyRule.PriorDays} days "
        + $"plus max({AnomalyRule.MadFactor:0} × their median absolute deviation, {AnomalyRule.MinimumWidth * 100:0} points), with at least "
        + $"{AnomalyRule.MinimumPriorDays} such days and at least {AnomalyRule.MinimumRows:N0} rows processed that day.");

    /// <summary>The sentence that says why a group is flagged: "contact × Update: 41 % on 2026-11-20, usually 0–10 % ...".</summary>
    public static string Sentence(Anomaly anomaly) => string.Create(CultureInfo.InvariantCulture,
        $"{DigestText.Group(anomaly.ObjectType, anomaly.JobType)}: {DigestText.ShortPercent(anomaly.Rate)} on {DigestText.Encode(anomaly.Day)}, "
        + $"usually {DigestText.ShortPercent(anomaly.BandLow)}–{DigestText.ShortPercent(anomaly.BandHigh)} "
        + $"(median {DigestText.ShortPercent(anomaly.Median)} over {anomaly.PriorDays} of the previous {AnomalyRule.PriorDays} days; {DigestText.Count(anomaly.Rows)} rows processed)");

    private static void Night(StringBuilder html, DigestModel model)
    {
        html.Append("<section id=\"night\">\n<h2>The night</h2>\n");
        if (model.Night is not { } night)
        {
            html.Append("<p class=\"none\">No run in the ledger yet.</p>\n</section>\n");
            return;
        }

        var outcome = night.Outcome.ToLowerInvariant();
        var symbol = outcome switch { "succeeded" => "✔", "partial" => "▲", "running" => "…", _ => "✖" };
        var cssClass = outcome is "succeeded" or "partial" ? outcome : "failed";
        html.Append("<p><span class=\"outcome ").Append(cssClass).Append("\" id=\"outcome\">").Append(symbol).Append(' ')
            .Append(DigestText.Encode(night.Outcome)).Append("</span></p>\n<dl class=\"night\">\n");
        Term(html, "started", DigestText.Encode(night.StartedAt));
        Term(html, "jobs listed", DigestText.Count(night.Listed));
        Term(html, "jobs fetched", DigestText.Count(night.Fetched));
        Term(html, "failed to fetch", DigestText.Count(night.Failed));
        Term(html, "deleted at Zuora", DigestText.Count(night.NotFound));
        Term(html, "duration", Duration(night));
        Term(html, "exit code", ExitCode(night));
        if (!string.Equals(outcome, "succeeded", StringComparison.Ordinal))
        {
            Term(html, "reason", night.FailureMessage is { Length: > 0 } message
                ? DigestText.Encode(message)
                : outcome == "partial" ? "some jobs could not be fetched or read; see <code>bulk-etl runs</code>" : "not recorded; see the log");
        }

        html.Append("</dl>\n</section>\n");
    }

    private static void Attention(StringBuilder html, DigestModel model)
    {
        html.Append("<section id=\"attention\">\n<h2>What needs attention</h2>\n");
        if (model.Flagged.Count == 0)
        {
            html.Append("<p class=\"none\" id=\"no-flags\">No group left its usual band on ").Append(Day(model.Day)).Append(".</p>\n");
        }
        else
        {
            html.Append("<p>").Append(model.Flagged.Count).Append(model.Flagged.Count == 1 ? " group" : " groups")
                .Append(" failed more than usual on ").Append(Day(model.Day)).Append(":</p>\n<ul class=\"flags\">\n");
            foreach (var anomaly in model.Flagged)
            {
                html.Append("<li class=\"flag\"><strong>▲ above band</strong> ").Append(Sentence(anomaly)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (model.FailedJobs.Count == 0)
        {
            html.Append("<p class=\"none\">No job created on ").Append(Day(model.Day)).Append(" failed outright.</p>\n");
        }
        else
        {
            html.Append("<p>").Append(DigestText.Count(model.FailedJobs.Count)).Append(model.FailedJobs.Count == 1 ? " job" : " jobs")
                .Append(" created on ").Append(Day(model.Day)).Append(" failed outright (status Failed)")
                .Append(model.FailedJobs.Count > MaxFailedJobs ? $"; the first {MaxFailedJobs}:" : ":").Append("</p>\n")
                .Append("<table id=\"failed-jobs\">\n<thead><tr><th scope=\"col\">job id</th><th scope=\"col\">group</th><th scope=\"col\">created</th>")
                .Append("<th scope=\"col\">rows</th><th scope=\"col\">rows failed</th><th scope=\"col\">reason</th></tr></thead>\n<tbody>\n");
            foreach (var job in model.FailedJobs.Take(MaxFailedJobs))
            {
                html.Append("<tr><td class=\"text\"><code>").Append(DigestText.Encode(job.Id, 64)).Append("</code></td><td class=\"text\">")
                    .Append(DigestText.Group(job.ObjectType, job.JobType)).Append("</td><td class=\"text\">").Append(DigestText.Encode(job.CreatedAt))
                    .Append("</td><td>").Append(job.RowCount is { } rows ? DigestText.Count(rows) : "–")
                    .Append("</td><td>").Append(job.RowsFailed is { } failed ? DigestText.Count(failed) : "–")
                    .Append("</td><td class=\"text\">").Append(DigestText.Encode(job.FailureReason, 120)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        var quality = model.Night?.DataQualityIssues ?? 0;
        html.Append("<p id=\"quality\">").Append(quality == 0
            ? "Data quality: no stored job breaks a data-quality rule."
            : $"Data quality: {DigestText.Count(quality)} stored {(quality == 1 ? "job breaks" : "jobs break")} a data-quality rule (listed in the <code>data-quality_*.csv</code> report); their counts are used as the CSVs use them.")
            .Append("</p>\n</section>\n");
    }

    private static void Rates(StringBuilder html, DigestModel model)
    {
        var top = model.Groups.Count == 0 ? 0.05 : Sparkline.Top(model.Groups);
        html.Append("<section id=\"rates\">\n<h2>Failure rates by group</h2>\n<p class=\"sub\">Jobs created on ").Append(Day(model.Day))
            .Append(", on the 7 days from ").Append(Day(model.WeekFrom)).Append(" and the 30 days from ").Append(Day(model.MonthFrom))
            .Append(" (the 30 days are the failure-rate CSV of that window). Sparklines: daily rate over the 30 days, every group on the same scale, 0 to ")
            .Append(DigestText.ShortPercent(top)).Append("; a hollow dot marks a flagged last day.</p>\n");
        if (model.Groups.Count == 0)
        {
            html.Append("<p class=\"none\">No job in the 30 days.</p>\n</section>\n");
            return;
        }

        html.Append("<table id=\"group-rates\">\n<thead>\n<tr><th scope=\"col\" rowspan=\"2\">group</th>")
            .Append("<th scope=\"colgroup\" colspan=\"4\">").Append(Day(model.Day)).Append("</th>")
            .Append("<th scope=\"colgroup\" colspan=\"4\">7 days</th><th scope=\"colgroup\" colspan=\"4\">30 days</th>")
            .Append("<th scope=\"col\" rowspan=\"2\">daily rate, 30 days</th></tr>\n<tr>");
        for (var i = 0; i < 3; i++)
        {
            html.Append("<th scope=\"col\">jobs</th><th scope=\"col\">rows</th><th scope=\"col\">rows failed</th><th scope=\"col\">rate</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var group in model.Groups.Take(MaxGroups))
        {
            var name = DigestText.Group(group.ObjectType, group.JobType);
            html.Append(group.Flag is null ? "<tr>" : "<tr class=\"flagged\">")
                .Append("<th scope=\"row\" class=\"group\" data-object-type=\"").Append(DigestText.Encode(group.ObjectType, 80))
                .Append("\" data-job-type=\"").Append(DigestText.Encode(group.JobType, 80)).Append("\">").Append(name)
                .Append(group.Flag is null ? "" : " <strong>▲ flagged</strong>").Append("</th>");
            Sums(html, group.LastDay, "day");
            Sums(html, group.Week, "week");
            Sums(html, group.Month, "month");
            html.Append("<td>").Append(Sparkline.Svg(group.DailyRates, top, group.Flag is not null, $"daily failure rate of {name}")).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (model.Groups.Count > MaxGroups)
        {
            html.Append("<p>").Append(DigestText.Count(model.Groups.Count - MaxGroups)).Append(" more groups with fewer failed rows are in the failure-rate CSV.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void Sums(StringBuilder html, WindowSums sums, string window) =>
        html.Append("<td class=\"").Append(window).Append("-jobs\">").Append(DigestText.Count(sums.Jobs))
            .Append("</td><td class=\"").Append(window).Append("-rows\">").Append(DigestText.Count(sums.RowCount))
            .Append("</td><td class=\"").Append(window).Append("-failed\">").Append(DigestText.Count(sums.RowsFailed))
            .Append("</td><td class=\"").Append(window).Append("-rate\">").Append(DigestText.Percent(sums.FailureRate)).Append("</td>");

    private static void Reasons(StringBuilder html, DigestModel model)
    {
        html.Append("<section id=\"reasons\">\n<h2>Top failure reasons, ").Append(Day(model.WeekFrom)).Append(" to ").Append(Day(model.Day)).Append("</h2>\n");
        if (model.Reasons.Count == 0)
        {
            html.Append("<p class=\"none\">No failure reason collected for these days.</p>\n</section>\n");
            return;
        }

        html.Append("<table id=\"reasons-table\">\n<thead><tr><th scope=\"col\">reason</th><th scope=\"col\">code</th><th scope=\"col\">category</th>")
            .Append("<th scope=\"col\">rows failed</th><th scope=\"col\">jobs</th><th scope=\"col\">share of failed rows</th></tr></thead>\n<tbody>\n");
        foreach (var reason in model.Reasons)
        {
            html.Append("<tr><td class=\"text\">").Append(DigestText.Encode(reason.Reason)).Append("</td><td class=\"text\">")
                .Append(DigestText.Encode(reason.Code, 20)).Append("</td><td class=\"text\">").Append(DigestText.Encode(reason.Category, 40))
                .Append("</td><td>").Append(DigestText.Count(reason.Rows)).Append("</td><td>").Append(DigestText.Count(reason.Jobs))
                .Append("</td><td>").Append(DigestText.Percent(reason.Share)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p class=\"sub\">Share: of the failed rows of these 7 days whose reasons are known.</p>\n</section>\n");
    }

    private static void Nights(StringBuilder html, DigestModel model)
    {
        html.Append("<section id=\"nights\">\n<h2>The last ").Append(DigestQuery.NightsShown).Append(" nights</h2>\n");
        if (model.Nights.Count == 0)
        {
            html.Append("<p class=\"none\">No run in the ledger yet.</p>\n</section>\n");
            return;
        }

        html.Append("<table id=\"nights-table\">\n<thead><tr><th scope=\"col\">started</th><th scope=\"col\">outcome</th><th scope=\"col\">listed</th>")
            .Append("<th scope=\"col\">fetched</th><th scope=\"col\">failed to fetch</th><th scope=\"col\">duration</th><th scope=\"col\">reason</th></tr></thead>\n<tbody>\n");
        foreach (var night in model.Nights)
        {
            html.Append("<tr><td class=\"text\">").Append(DigestText.Encode(night.StartedAt)).Append("</td><td class=\"text\">")
                .Append(DigestText.Encode(night.Outcome)).Append("</td><td>").Append(DigestText.Count(night.Listed)).Append("</td><td>")
                .Append(DigestText.Count(night.Fetched)).Append("</td><td>").Append(DigestText.Count(night.Failed)).Append("</td><td>")
                .Append(Duration(night)).Append("</td><td class=\"text\">").Append(DigestText.Encode(night.FailureMessage, 160)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(value).Append("</dd>\n");

    private static string Duration(DigestNight night)
    {
        if (night.FinishedAt is not { } finished)
        {
            return "not finished";
        }

        var span = StoreTime.Parse(finished) - StoreTime.Parse(night.StartedAt);
        return span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s");
    }

    /// <summary>The run's own exit code when the run wrote the page; from the store, what its outcome gives.</summary>
    private static string ExitCode(DigestNight night) => night.ExitCode is { } code
        ? code.ToString(CultureInfo.InvariantCulture)
        : night.Outcome switch
        {
            "succeeded" => "0",
            "partial" => "3",
            _ when night.FailureMessage == "cancelled" => "130 or 143 (stopped)",
            _ => "1 or 2 (failed; the log says which)",
        };

    private static string Day(DateOnly day) => day.ToString(TextFormats.Day, CultureInfo.InvariantCulture);
}
