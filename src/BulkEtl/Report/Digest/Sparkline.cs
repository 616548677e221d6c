using System.Globalization;
using System.Text;

namespace BulkEtl.Report.Digest;

/// <summary>
/// A group's daily failure rate as a small inline SVG: every group on the same scale (0 to <c>top</c>), one panel each,
/// so no line crosses another. Days without a rate are gaps; the last day gets a dot, hollow when it was flagged, so
/// the mark does not rest on colour alone.
/// </summary>
internal static class Sparkline
{
    public const int Width = 150;

    public const int Height = 28;

    /// <summary>The shared top of the scale: the largest rate shown, rounded up to 5 %, at least 5 %.</summary>
    public static double Top(IEnumerable<GroupSummary> groups)
    {
        var max = groups.SelectMany(group => group.DailyRates).Max(rate => rate ?? 0);
        return Math.Max(0.05, Math.Ceiling(max / 0.05 - 1e-9) * 0.05);
    }

    public static string Svg(IReadOnlyList<double?> rates, double top, bool flagged, string label)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"spark\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{label}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{Height - 1}\" x2=\"{Width}\" y2=\"{Height - 1}\" class=\"axis\"/>");
        var segment = new StringBuilder();
        for (var i = 0; i < rates.Count; i++)
        {
            if (rates[i] is { } rate)
            {
                segment.Append(CultureInfo.InvariantCulture, $"{X(i, rates.Count):0.#},{Y(rate, top):0.#} ");
            }

            if ((rates[i] is null || i == rates.Count - 1) && segment.Length > 0)
            {
                svg.Append("<polyline points=\"").Append(segment.ToString().TrimEnd()).Append("\"/>");
                segment.Clear();
            }
        }

        if (rates.Count > 0 && rates[^1] is { } last)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{X(rates.Count - 1, rates.Count):0.#}\" cy=\"{Y(last, top):0.#}\" r=\"{(flagged ? 3.5 : 2):0.#}\" class=\"{(flagged ? "flagged" : "last")}\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static double X(int index, int count) => count <= 1 ? Width - 4 : 2 + index * (Width - 6.0) / (count - 1);

    private static double Y(double rate, double top) => Height - 2 - Math.Min(rate, top) / top * (Height - 5);
}
