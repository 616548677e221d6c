using BulkEtl.Report.Digest;

namespace BulkEtl.Tests.Digest;

/// <summary>The page as text: hostile names from Zuora stay text, nothing on the page points elsewhere, the rule's numbers.</summary>
public sealed class DigestPageTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    [Fact]
    public void Render_HostileObjectType_IsEncodedAndLosesControlAndBidiCharacters()
    {
        const string hostile = "<script>alert(1)</script>\u202Egnp.exe\u0007\u001b[31m\"'&";
        var flag = new Anomaly(hostile, "Update", "2026-11-20", 0.41, 0, 0.1, 12_000) { Median = 0.05, PriorDays = 28 };
        var group = new GroupSummary(hostile, "Update", WindowSums.Zero, WindowSums.Zero, WindowSums.Zero, new double?[30], flag);
        var model = new DigestModel(Day, null, [flag], [], [group], [], [], "2026-11-21T06:00:00Z");

        var page = DigestPage.Render(model);

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u202E", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", page, StringComparison.Ordinal);
        // Control and format characters become at most a space (SafeText's rule); markup becomes text.
        var sentence = page[page.IndexOf("<li class=\"flag\">", StringComparison.Ordinal)..];
        Assert.StartsWith("<li class=\"flag\"><strong>▲ above band</strong> &lt;script&gt;alert(1)&lt;/script&gt; gnp.exe &quot;&#x27;&amp; × Update: 41 % on 2026-11-20, usually 0 %–10 %",
            sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PointsNowhereElse()
    {
        var model = new DigestModel(Day, new DigestNight { Id = "r", StartedAt = "2026-11-21T02:30:00.000Z", Outcome = "failed", FailureMessage = "see https://example.com" },
            [], [], [], [], [], "2026-11-21T06:00:00Z");

        var page = DigestPage.Render(model);

        // Only text may name a URL (the failure message above); no element or style may load one.
        foreach (var forbidden in (string[])["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"])
        {
            Assert.DoesNotContain(forbidden, page, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("default-src 'none'", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 20_000, 0.0001)] // 0.00005 exactly: half away from zero, as the CSV rounds it
    [InlineData(12_345, 100_000, 0.1235)]
    [InlineData(0, 10, 0.0)]
    [InlineData(10, 10, 1.0)]
    public void ExactRate_RoundsAsTheCsv(long failed, long processed, double expected) =>
        Assert.Equal(expected, ExactRate.Of(failed, processed));

    [Fact]
    public void Band_NeedsFivePriorDaysAndIsAtLeastFivePointsWide()
    {
        Assert.Null(AnomalyRule.Band([0.03, 0.04, 0.05, 0.04]));
        var band = AnomalyRule.Band([0.03, 0.04, 0.05, 0.04, 0.04])!;
        Assert.Equal((0.04, 0.0, 0.09), (band.Median, band.Low, band.High));
        Assert.True(AnomalyRule.IsFlagged(0.0901, 1_000, band));
        Assert.False(AnomalyRule.IsFlagged(0.09, 1_000, band));
        Assert.False(AnomalyRule.IsFlagged(0.5, 999, band));

        // A noisy group: 3 × MAD is wider than 5 points, so it sets the band.
        var noisy = AnomalyRule.Band([0.10, 0.30, 0.20, 0.05, 0.25])!;
        Assert.Equal((0.2, 0.0, 0.5), (noisy.Median, noisy.Low, noisy.High));
    }
}
