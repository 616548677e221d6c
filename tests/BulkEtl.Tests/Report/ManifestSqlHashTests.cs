using BulkEtl.Report;
using Dapper;

namespace BulkEtl.Tests.Report;

/// <summary>The manifest's SQL hash covers the views a report reads, not only its query file.</summary>
public sealed class ManifestSqlHashTests : IDisposable
{
    private static readonly ReportScope Window = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
    private readonly ReportStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task FailureRates_ViewUnderTheQueryRedefined_HashChanges()
    {
        _store.Add("2026-11-10T10:00:00Z", rowCount: 10, succeeded: 9, failed: 1);
        var before = await HashesAsync();

        // The same view with one more comment: the numbers stay, the SQL that made them did not.
        Redefine("job_states_counted");
        var after = await HashesAsync();

        Assert.NotEqual(before.FailureRates, after.FailureRates);
        Assert.NotEqual(before.Trend, after.Trend);
        Assert.NotEqual(before.DataQuality, after.DataQuality);
    }

    [Fact]
    public async Task DataQuality_QualityViewRedefined_HashChangesAndTheRatesDoNot()
    {
        var before = await HashesAsync();

        Redefine("job_state_quality_issues");
        var after = await HashesAsync();

        Assert.NotEqual(before.DataQuality, after.DataQuality);
        Assert.Equal(before.FailureRates, after.FailureRates);
    }

    /// <summary>The rules' comments name the analyst views they serve; a report that does not read them is not tied to them.</summary>
    [Fact]
    public async Task FailureRates_AnalystViewRedefined_HashUnchanged()
    {
        var before = await HashesAsync();

        Redefine("failure_rates_by_period");
        Redefine("monthly_failure_rates");
        var after = await HashesAsync();

        Assert.Equal(before, after);
    }

    [Fact]
    public void WithViews_ViewNamedOnlyInComments_IsNotAdded()
    {
        const string sql = "-- reads daily_failure_rates? no\n/* nor job_states_reported */ SELECT 1";

        Assert.Equal(sql, ReportSql.WithViews(_store.Connection, sql));
    }

    [Fact]
    public async Task Hashes_UnchangedStore_Stable()
    {
        Assert.Equal(await HashesAsync(), await HashesAsync());
    }

    private void Redefine(string view)
    {
        var sql = _store.Connection.ExecuteScalar<string>("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = @view", new { view })!;
        using var transaction = _store.Connection.BeginTransaction();
        _store.Connection.Execute($"DROP VIEW {view};", transaction: transaction);
        _store.Connection.Execute(sql + "\n-- redefined", transaction: transaction);
        transaction.Commit();
    }

    private async Task<(string FailureRates, string Trend, string DataQuality)> HashesAsync()
    {
        var publisher = new ReportPublisher(_store.Connection, _store.OutputFolder, TimeProvider.System);
        var rates = await publisher.FailureRatesAsync(Window, CancellationToken.None);
        var trend = await publisher.TrendAsync(Window, TrendPeriod.Day, CancellationToken.None);
        var quality = await publisher.DataQualityAsync(Window, CancellationToken.None);
        return (ManifestWriter.Read(rates[1].Path).SqlSha256, ManifestWriter.Read(trend[1].Path).SqlSha256, ManifestWriter.Read(quality[1].Path).SqlSha256);
    }
}
