using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace BulkEtl.Tests.Digest;

/// <summary>Reads the digest's failure-rate table back from its HTML (as served or as a browser's DOM): one entry per group.</summary>
internal static partial class DigestTable
{
    /// <summary>(objectType, jobType) → window ("day", "week", "month") → (jobs, rows, rowsFailed, rate as the CSV writes it).</summary>
    public static Dictionary<(string ObjectType, string JobType), Dictionary<string, (long Jobs, long Rows, long Failed, string Rate)>> Read(string html)
    {
        var table = new Dictionary<(string, string), Dictionary<string, (long, long, long, string)>>();
        foreach (Match row in Row().Matches(html))
        {
            var windows = new Dictionary<string, (long, long, long, string)>(StringComparer.Ordinal);
            foreach (var window in (string[])["day", "week", "month"])
            {
                windows[window] = (Count(row, window, "jobs"), Count(row, window, "rows"), Count(row, window, "failed"), Rate(Cell(row, window, "rate")));
            }

            table.Add((WebUtility.HtmlDecode(row.Groups["o"].Value), WebUtility.HtmlDecode(row.Groups["j"].Value)), windows);
        }

        return table;
    }

    private static string Cell(Match row, string window, string kind) =>
        Regex.Match(row.Value, $"<td class=\"{window}-{kind}\">([^<]*)</td>").Groups[1].Value;

    private static long Count(Match row, string window, string kind) =>
        long.Parse(Cell(row, window, kind).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>"4.83 %" as the CSV's "0.0483"; "–" (no rate) as the CSV's empty cell.</summary>
    private static string Rate(string cell) => cell == "–"
        ? ""
        : (decimal.Parse(cell.Replace(" %", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) / 100).ToString("0.0000", CultureInfo.InvariantCulture);

    [GeneratedRegex("<tr[^>]*><th scope=\"row\" class=\"group\" data-object-type=\"(?<o>[^\"]*)\" data-job-type=\"(?<j>[^\"]*)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();
}
