using System.Globalization;
using BulkEtl.Model;
using BulkEtl.Report;
using Dapper;

namespace BulkEtl.Tests.Report;

/// <summary>
/// The one rounding rule, rowsFailed / (rowsSucceeded + rowsFailed) half away from zero to 4 decimals, gives the same
/// number in the analysts' view and in the CSV, and both equal exact decimal arithmetic, over random pairs and exact
/// ties (where only the rule decides the fourth decimal and a double division rounds down).
/// </summary>
public sealed class RateRoundingTests : IDisposable
{
    private static readonly ReportScope Day = new(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 10));
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task FailureRate_RandomPairsAndTies_ViewAndCsvEqualExactRounding()
    {
        var random = new Random(20261202);
        var pairs = new List<(long Failed, long Processed)> { (1, 20_000), (2_469, 20_000), (3, 20_000), (19_999, 20_000), (0, 7), (7, 7) };
        foreach (var magnitude in new[] { 10L, 1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L })
        {
            for (var i = 0; i < 30; i++)
            {
                var processed = random.NextInt64(1, magnitude + 1);
                pairs.Add((random.NextInt64(0, processed + 1), processed));

                // A tie: (2k + 1) / 20000 exactly.
                var unit = random.NextInt64(1, magnitude / 20_000 + 2);
                pairs.Add(((2 * random.NextInt64(0, 10_000) + 1) * unit, 20_000 * unit));
            }
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            var (failed, processed) = pairs[i];
            _store.Add("2026-11-10T10:00:00Z", objectType: Group(i), rowCount: processed, succeeded: processed - failed, failed: failed);
        }

        var files = await new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System).FailureRatesAsync(Day, CancellationToken.None);
        var csv = (await File.ReadAllLinesAsync(files[0].Path)).Skip(1).ToDictionary(line => line.Split(',')[0], line => line.Split(',')[^1]);
        var view = _store.Connection.Query<(string ObjectType, double FailureRate)>("SELECT object_type, failure_rate FROM daily_failure_rates")
            .ToDictionary(row => row.ObjectType, row => row.FailureRate.ToString(TextFormats.FailureRate, CultureInfo.InvariantCulture));

        Assert.All(pairs.Select((pair, i) => (pair, i)), entry =>
        {
            var exact = Math.Round((decimal)entry.pair.Failed / entry.pair.Processed, 4, MidpointRounding.AwayFromZero)
                .ToString(TextFormats.FailureRate, CultureInfo.InvariantCulture);
            Assert.Equal((exact, exact), (csv[Group(entry.i)], view[Group(entry.i)]));
        });
    }

    private static string Group(int i) => string.Create(CultureInfo.InvariantCulture, $"g{i:D4}");
}
