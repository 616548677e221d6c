using BulkEtl.Cli.Commands;
using BulkEtl.Run;
using BulkEtl.Store;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Cli;

public sealed class TerminalProgressTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-20T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Report_AfterACompleteListing_ShowsElapsedRateEstimatedTotalAndTimeLeft()
    {
        var error = new StringWriter();
        using var progress = new TerminalProgress(error, _time, () => null);

        _time.Advance(TimeSpan.FromSeconds(10));
        progress.Report(new RunProgress(Counts(listed: 2_500, fetched: 40, requests: 91), ExpectedListed: 10_000));

        Assert.Equal(
            "\rlisted 2,500 of ~10,000, 250 jobs/s, 0:10 elapsed, ~0:30 left | fetched 40 (new 40, changed 0), failed 0, 91 requests",
            error.ToString());
    }

    [Fact]
    public void Report_OverAnHour_ShowsHours()
    {
        var error = new StringWriter();
        using var progress = new TerminalProgress(error, _time, () => null);

        _time.Advance(TimeSpan.FromMinutes(75));
        progress.Report(new RunProgress(Counts(listed: 450_000), ExpectedListed: 1_000_000));

        Assert.Contains("listed 450,000 of ~1,000,000, 100 jobs/s, 1:15:00 elapsed, ~1:31:40 left", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_StoreNeverListedWhole_ShowsRateButNoEstimate()
    {
        var error = new StringWriter();
        using var progress = new TerminalProgress(error, _time, () => null);

        _time.Advance(TimeSpan.FromSeconds(4));
        progress.Report(new RunProgress(Counts(listed: 200), ExpectedListed: null));

        var line = error.ToString();
        Assert.StartsWith("\rlisted 200, 50 jobs/s, 0:04 elapsed |", line, StringComparison.Ordinal);
        Assert.DoesNotContain("~", line, StringComparison.Ordinal);
        Assert.DoesNotContain("left", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ListedPastTheEstimate_DropsTheEstimate()
    {
        var error = new StringWriter();
        using var progress = new TerminalProgress(error, _time, () => null);

        _time.Advance(TimeSpan.FromSeconds(2));
        progress.Report(new RunProgress(Counts(listed: 120), ExpectedListed: 100));

        Assert.StartsWith("\rlisted 120, 60 jobs/s, 0:02 elapsed |", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ManyTimes_StaysOneLineRedrawnInPlaceAndCutToTheTerminal()
    {
        var error = new StringWriter();
        var progress = new TerminalProgress(error, _time, () => 40);

        for (var second = 1; second <= 5; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            progress.Report(new RunProgress(Counts(listed: second * 1_000), ExpectedListed: 10_000));
        }

        var drawn = error.ToString();
        Assert.DoesNotContain('\n', drawn);
        var redraws = drawn.Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, redraws.Length);
        Assert.All(redraws, redraw => Assert.Equal(39, redraw.Length));
        Assert.Equal("listed 5,000 of ~10,000, 1,000 jobs/s, ", redraws[^1]);

        // The closing summary starts on a line of its own.
        progress.Dispose();
        Assert.Equal(drawn + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Report_FasterThanAPersonReads_DrawsTheLatestAtTheEnd()
    {
        var error = new StringWriter();
        var progress = new TerminalProgress(error, _time, () => null);

        _time.Advance(TimeSpan.FromSeconds(1));
        progress.Report(new RunProgress(Counts(listed: 50), ExpectedListed: null));
        progress.Report(new RunProgress(Counts(listed: 100), ExpectedListed: null));
        progress.Report(new RunProgress(Counts(listed: 150), ExpectedListed: null));
        Assert.Single(error.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries));

        progress.Dispose();
        var redraws = error.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, redraws.Length);
        Assert.StartsWith("listed 150,", redraws[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ShorterThanThePreviousLine_BlanksWhatItLeftBehind()
    {
        Assert.Equal("\rabc  ", TerminalProgress.Fit("abc", width: null, previousLength: 5));
        Assert.Equal("\rabcd", TerminalProgress.Fit("abcdef", width: 5, previousLength: 9));
    }

    [Fact]
    public void Dispose_NothingReported_WritesNothing()
    {
        var error = new StringWriter();

        new TerminalProgress(error, _time, () => null).Dispose();

        Assert.Empty(error.ToString());
    }

    private static RunCounts Counts(long listed, long fetched = 0, long requests = 0) =>
        RunCounts.Zero with { Listed = listed, Fetched = fetched, New = fetched, Requests = requests };
}
