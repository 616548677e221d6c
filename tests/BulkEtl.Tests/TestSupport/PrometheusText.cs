using System.Globalization;
using System.Text.RegularExpressions;

namespace BulkEtl.Tests.TestSupport;

/// <summary>
/// A small, independent reader of the Prometheus text exposition format (<c>name{label="v",...} value</c>, with
/// <c># HELP</c> and <c># TYPE</c> lines), so tests check the metrics as a collector would read them, not as strings.
/// </summary>
internal sealed partial class PrometheusText
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _helped = new(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                parsed._helped.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                parsed._types[parts[2]] = parts[3];
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a sample line: '{line}'");
            var name = match.Groups["name"].Value;
            Assert.True(parsed._types.ContainsKey(name) && parsed._helped.Contains(name), $"{name} has no # HELP and # TYPE before it");
            var labels = match.Groups["labels"].Success
                ? string.Join(',', Label().Matches(match.Groups["labels"].Value).Select(label => $"{label.Groups[1].Value}={label.Groups[2].Value}").Order())
                : "";
            var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(parsed._samples.TryAdd(Key(name, labels), value), $"{name}{{{labels}}} appears twice");
        }

        return parsed;
    }

    public IReadOnlyDictionary<string, string> Types => _types;

    /// <summary>The sample's value; <paramref name="labels"/> as <c>outcome=failed</c>, several joined by commas in name order.</summary>
    public double Value(string name, string labels = "") =>
        _samples.TryGetValue(Key(name, labels), out var value) ? value : throw new KeyNotFoundException($"no sample {name}{{{labels}}}");

    public bool Has(string name) => _samples.Keys.Any(key => key == name || key.StartsWith(name + "{", StringComparison.Ordinal));

    private static string Key(string name, string labels) => labels.Length == 0 ? name : $"{name}{{{labels}}}";

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$""")]
    private static partial Regex Sample();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"")]
    private static partial Regex Label();
}
