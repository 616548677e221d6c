using BulkEtl.Report;

namespace BulkEtl.Tests.Report;

/// <summary>The chart's lines: the largest groups alone, the rest merged, every point rated by the one rule in SQL.</summary>
public sealed class TrendChartTests : IDisposable
{
    private static readonly ReportScope Window = new(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 17));
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Lines_TheSixLargestGroupsByRows_TiesByName()
    {
        AddEightGroups();
        _store.Add("2026-11-16T10:00:00Z", "g7", rowCount: 100, succeeded: 100, failed: 0); // ties g1 and g2, loses by name

        var lines = TrendChart.Lines(FailureRateTrendReport.Query(_store.Connection, Window, TrendPeriod.Day));

        Assert.Equal([("g1", "Import"), ("g2", "Import"), ("g3", "Import"), ("g4", "Import"), ("g5", "Import"), ("g6", "Import")], lines.Order());
    }

    [Fact]
    public void ChartPoints_SmallGroupsMerged_AreRatedFromTheirSummedRowsNotAnAverageOfRates()
    {
        AddEightGroups();
        var rows = FailureRateTrendReport.Query(_store.Connection, Window, TrendPeriod.Day);

        var points = FailureRateQuery.ChartPoints(_store.Connection, rows, TrendChart.Lines(rows));

        // small-a 1 of 10 failed, small-b 2 of 2: 3 of 12 is 0.25 (the average of the two rates would be 0.55).
        var other = Assert.Single(points, point => point.ObjectType is null);
        Assert.Null(other.JobType);
        Assert.Equal(("2026-11-16", 0.25), (other.Period, other.FailureRate));
        Assert.Equal(0.1667, Assert.Single(points, point => point.ObjectType == "g6").FailureRate);
        Assert.Equal(7, points.Count);
    }

    [Fact]
    public void ChartPoints_PeriodWithNothingProcessed_HasNoRate()
    {
        _store.Add("2026-11-16T10:00:00Z", "g1", rowCount: 5, succeeded: 0, failed: 0);
        _store.Add("2026-11-17T10:00:00Z", "g1", rowCount: 5, succeeded: 4, failed: 1);

        var rows = FailureRateTrendReport.Query(_store.Connection, Window, TrendPeriod.Day);

        var points = FailureRateQuery.ChartPoints(_store.Connection, rows, [("g1", "Import")]);

        Assert.Equal([("2026-11-16", (double?)null), ("2026-11-17", 0.2)],
            points.OrderBy(point => point.Period, StringComparer.Ordinal).Select(point => (point.Period, point.FailureRate)));
    }

    private void AddEightGroups()
    {
        // g1 and g2 tie on rows (100 each): the name decides. Each g<n> fails about 1 row in 6 (g6: 100 of 600, 0.1667).
        foreach (var (name, rows) in new[] { ("g1", 100L), ("g2", 100L), ("g3", 300L), ("g4", 400L), ("g5", 500L), ("g6", 600L) })
        {
            _store.Add("2026-11-16T10:00:00Z", name, rowCount: rows, succeeded: rows * 5 / 6, failed: rows - (rows * 5 / 6));
        }

        _store.Add("2026-11-16T11:00:00Z", "small-a", rowCount: 10, succeeded: 9, failed: 1);
        _store.Add("2026-11-16T12:00:00Z", "small-b", rowCount: 2, succeeded: 0, failed: 2);
    }
}
