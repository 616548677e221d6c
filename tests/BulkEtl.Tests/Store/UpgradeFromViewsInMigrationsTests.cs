using System.Net;
using System.Net.Sockets;
using BulkEtl.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Store;

/// <summary>
/// A store written by the build before the views left the migrations (schema version 9: TestData/store-0009, made by
/// that build's <c>run</c> against its simulator, with the CSVs its <c>report</c> and <c>trend</c> wrote from it)
/// upgrades with one <c>run</c>, loses nothing, and gives byte-identical CSVs.
/// </summary>
public sealed class UpgradeFromViewsInMigrationsTests : IDisposable
{
    private const string From = "2026-11-03";
    private const string To = "2026-12-01";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_OnAStoreOfTheBuildBefore_UpgradesInPlaceAndReportsTheSameCsvs()
    {
        var store = _folder.File("store.db");
        File.Copy(TestData.PathOf(Path.Combine("store-0009", "store.db")), store);
        var before = Counts(store);
        Assert.Equal(9, before.Version);

        // The night cannot reach Zuora, as on a machine that upgrades before its first night: the store is upgraded
        // when the run opens it, and the failed listing changes no job.
        var run = await CliRunner.RunAsync([
            "run", "--base-url", $"http://127.0.0.1:{ClosedPort()}/", "--token", "t", "--db", store, "--out", _folder.File("night"),
            "--from", From, "--to", To, .. SimulatedNight.FastRetries]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.False(run.HasStackTrace);

        var reports = _folder.File("reports");
        Assert.Equal(0, (await CliRunner.RunAsync("report", "--db", store, "--out", reports, "--from", From, "--to", To)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("trend", "--db", store, "--out", reports, "--from", From, "--to", To, "--by", "week")).ExitCode);

        Assert.Equal((11, before.Jobs, before.Snapshots, before.Reasons), (Counts(store).Version, Counts(store).Jobs, Counts(store).Snapshots, Counts(store).Reasons));
        var expected = Directory.GetFiles(TestData.PathOf(Path.Combine("store-0009", "expected")), "*.csv").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, expected.Count);
        Assert.All(expected, file => Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(reports, Path.GetFileName(file)))));
    }

    private static (long Version, long Jobs, long Snapshots, long Reasons) Counts(string store)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return connection.QuerySingle<(long, long, long, long)>(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT COUNT(*) FROM bulk_jobs), (SELECT COUNT(*) FROM bulk_job_snapshots), " +
            "(SELECT COUNT(*) FROM bulk_job_failure_reasons)");
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
