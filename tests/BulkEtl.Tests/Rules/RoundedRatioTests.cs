using System.Globalization;
using BulkEtl.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Rules;

/// <summary>
/// sql/rules/rounded_ratio.sql, the rounding of every rate and share, against exact decimal arithmetic: half away from
/// zero to 4 decimals, for ties, for sums far past a double's exact range, and NULL outside 0 &lt;= n &lt;= d, d &gt; 0.
/// </summary>
public sealed class RoundedRatioTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RoundedRatioTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Ratio_ManyPairsIncludingTiesAndHugeDenominators_EqualsExactDecimalRounding()
    {
        var random = new Random(20261129);
        var pairs = new List<(long Numerator, long Denominator)>();
        foreach (var magnitude in new[] { 10L, 1_000L, 1_000_000L, 1_000_000_000_000L, 400_000_000_000_000L, 900_000_000_000_000_000L })
        {
            for (var i = 0; i < 200; i++)
            {
                var denominator = random.NextInt64(1, magnitude + 1);
                pairs.Add((random.NextInt64(0, denominator + 1), denominator));

                // A tie: (2k + 1) / 20000 exactly, so only the rule's rounding decides the fourth decimal.
                var unit = random.NextInt64(1, magnitude / 20_000 + 2);
                pairs.Add(((2 * random.NextInt64(0, 10_000) + 1) * unit, 20_000 * unit));
            }
        }

        var ratios = Ratios(pairs);

        Assert.All(pairs.Zip(ratios), pair => Assert.Equal(
            Math.Round((decimal)pair.First.Numerator / pair.First.Denominator, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture),
            pair.Second?.ToString("0.0000", CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(1, 20_000, "0.0001")]        // 0.00005
    [InlineData(19_999, 20_000, "1.0000")]   // 0.99995
    [InlineData(2_469, 20_000, "0.1235")]    // 0.12345, which a double division rounds down
    [InlineData(3, 20_000, "0.0002")]        // 0.00015, not exact as a double
    [InlineData(0, 7, "0.0000")]
    [InlineData(7, 7, "1.0000")]
    public void Ratio_Ties_RoundAwayFromZero(long numerator, long denominator, string expected)
    {
        Assert.Equal(expected, Assert.Single(Ratios([(numerator, denominator)]))?.ToString("0.0000", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(-1, 20_000)]
    [InlineData(1, -20_000)]
    [InlineData(3, 2)]
    public void Ratio_OutsideAShareOfAWhole_IsNull(long numerator, long denominator)
    {
        Assert.Null(Assert.Single(Ratios([(numerator, denominator)])));
    }

    private List<double?> Ratios(IReadOnlyList<(long Numerator, long Denominator)> pairs)
    {
        var sql = "WITH ratio_inputs AS (SELECT key AS position, json_extract(value, '$[0]') AS numerator, json_extract(value, '$[1]') AS denominator " +
                  "FROM json_each(@Pairs))\nSELECT ratio FROM (\n" + SqlScripts.Get("rules/rounded_ratio.sql") + "\n) ORDER BY position";
        return _connection.Query<double?>(sql, new { Pairs = SqlJson.Of(pairs.Select(pair => new[] { pair.Numerator, pair.Denominator })) }).ToList();
    }
}
