using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Reasons;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Reasons;

/// <summary>The file host's client on its own, over real loopback HTTP against the simulator's file origin.</summary>
public sealed class FailureFileClientTests
{
    private static readonly (string Code, string Category, string Reason) UnreadableRow = ("", "", ReasonFingerprinter.UnreadableRow);

    [Theory]
    [InlineData("jsonl", "jsonl")]
    [InlineData("jsonl", null)]
    [InlineData("csv", null)]
    public async Task FingerprintErrorRows_ByFileTypeOrByContent_CountsEveryRowAsTheOracleSays(string written, string? told)
    {
        await using var simulator = await StartAsync();
        var job = Job(simulator, 0) with { FileType = written };
        simulator.UpsertJob(job);
        var link = await ErrorRowsLinkAsync(simulator, job.Id);

        var tally = await Client(new FailureFileOptions { LoopbackLinks = true })
            .FingerprintErrorRowsAsync(job.Id, link, ',', told, FailureFiles.SourceColumns, CancellationToken.None);

        Assert.Equal(job.RowsFailed, tally.Rows);
        Assert.Equal(ExpectedReasons.ForJob(simulator, job).OrderBy(pair => pair.Key).ToList(), Keyed(tally).OrderBy(pair => pair.Key).ToList());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public async Task FingerprintErrorRows_A64MiBCell_IsOneUnreadableRowAndEveryOtherRowCounts(string fileType)
    {
        await using var simulator = await StartAsync();
        var job = Job(simulator, 1) with { FileType = fileType };
        simulator.UpsertJob(job);
        simulator.FileFaults = simulator.FileFaults with { HugeCellIds = new HashSet<string> { job.Id } };
        var link = await ErrorRowsLinkAsync(simulator, job.Id);

        var tally = await Client(new FailureFileOptions { LoopbackLinks = true })
            .FingerprintErrorRowsAsync(job.Id, link, ',', fileType, FailureFiles.SourceColumns, CancellationToken.None);

        var expected = ExpectedReasons.ForJob(simulator, job);
        expected[UnreadableRow] = 1;
        Assert.Equal(expected.OrderBy(pair => pair.Key).ToList(), Keyed(tally).OrderBy(pair => pair.Key).ToList());
        Assert.Equal(job.RowsFailed + 1, tally.Rows);
    }

    [Fact]
    public async Task FingerprintErrorRows_NeitherCsvNorJsonLines_IsUnreadableWithANamedCause()
    {
        await using var simulator = await StartAsync();
        var job = Job(simulator, 0);
        simulator.FileFaults = simulator.FileFaults with { GarbageIds = new HashSet<string> { job.Id } };
        var link = await ErrorRowsLinkAsync(simulator, job.Id);
        var client = Client(new FailureFileOptions { LoopbackLinks = true });

        var asCsv = await Assert.ThrowsAsync<FailureFileUnreadableException>(() =>
            client.FingerprintErrorRowsAsync(job.Id, link, ',', null, FailureFiles.SourceColumns, CancellationToken.None));
        var asJsonLines = await Assert.ThrowsAsync<FailureFileUnreadableException>(() =>
            client.FingerprintErrorRowsAsync(job.Id, link, ',', "jsonl", FailureFiles.SourceColumns, CancellationToken.None));

        Assert.Contains("neither JSON lines nor CSV: its first line is not text", asCsv.Message, StringComparison.Ordinal);
        Assert.Contains("is not JSON lines: line 1", asJsonLines.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FingerprintErrorRows_AHostThatGoesQuiet_FailsAfterTheIdleLimitThoughCsvHelperReadsWithoutAToken()
    {
        await using var simulator = await StartAsync();
        var job = Job(simulator, 0);
        simulator.FileFaults = simulator.FileFaults with { TrickleIds = new HashSet<string> { job.Id }, TrickleInterval = TimeSpan.FromMinutes(5) };
        var link = await ErrorRowsLinkAsync(simulator, job.Id);
        var client = Client(new FailureFileOptions { LoopbackLinks = true, ReadIdleTimeout = TimeSpan.FromMilliseconds(300) });

        var failure = await Assert.ThrowsAsync<FailureFileException>(() =>
            client.FingerprintErrorRowsAsync(job.Id, link, ',', "csv", FailureFiles.SourceColumns, CancellationToken.None));

        Assert.Contains("sent nothing for", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FingerprintErrorRows_TheNightCancelledDuringATrickle_EndsTheReadAsCancelled()
    {
        await using var simulator = await StartAsync();
        var job = Job(simulator, 0);
        simulator.FileFaults = simulator.FileFaults with { TrickleIds = new HashSet<string> { job.Id }, TrickleInterval = TimeSpan.FromMilliseconds(100) };
        var link = await ErrorRowsLinkAsync(simulator, job.Id);
        using var night = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(new FailureFileOptions { LoopbackLinks = true })
            .FingerprintErrorRowsAsync(job.Id, link, ',', "csv", FailureFiles.SourceColumns, night.Token));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://0x7f000001:{port}")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}")]
    [InlineData("http://localhost:{port}")]
    [InlineData("https://127.0.0.1:{port}")]
    [InlineData("https://0x7f000001:{port}")]
    [InlineData("https://[::ffff:127.0.0.1]:{port}")]
    [InlineData("https://localhost:{port}")]
    [InlineData("https://169.254.169.254")]
    [InlineData("https://[fe80::1]")]
    [InlineData("https://10.1.2.3")]
    [InlineData("https://100.64.0.1")]
    [InlineData("https://0.0.0.0:{port}")]
    public async Task FingerprintErrorRows_AgainstARealTenant_ALinkToThisMachineOrAPrivateAddressIsRefusedAndNamedByHostOnly(string origin)
    {
        await using var simulator = await StartAsync();
        var job = Job(simulator, 0);
        var signed = await ErrorRowsLinkAsync(simulator, job.Id);
        var link = new Uri(origin.Replace("{port}", signed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            + signed.PathAndQuery);

        var failure = await Assert.ThrowsAsync<FailureFileException>(() => Client(new FailureFileOptions())
            .FingerprintErrorRowsAsync(job.Id, link, ',', "csv", FailureFiles.SourceColumns, CancellationToken.None));

        Assert.Contains(link.Host, failure.Message, StringComparison.Ordinal);
        Assert.Contains("public", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(job.Id + "/", failure.Message, StringComparison.Ordinal);
        Assert.Empty(simulator.FileRequests);
    }

    [Fact]
    public async Task FingerprintErrorRows_WhenTheBaseUrlIsLoopback_TheSameLinkIsRead()
    {
        await using var simulator = await StartAsync();
        var job = Job(simulator, 0);
        var link = await ErrorRowsLinkAsync(simulator, job.Id);

        var tally = await Client(new FailureFileOptions { LoopbackLinks = true })
            .FingerprintErrorRowsAsync(job.Id, link, ',', job.FileType, FailureFiles.SourceColumns, CancellationToken.None);

        Assert.Equal(job.RowsFailed, tally.Rows);
    }

    private static Task<ZuoraSimulator> StartAsync() =>
        ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 40, Seed = 7, Now = SimulatedNight.Now });

    private static FailureFileClient Client(FailureFileOptions options) => new(FailureFileClient.CreateHttpClient(options.LoopbackLinks), options);

    /// <summary>The n-th Completed job with failed rows: its downloads answer with files.</summary>
    private static SimulatedJob Job(ZuoraSimulator simulator, int n) =>
        ExpectedReasons.Pending(simulator.Jobs).Where(job => job.Status == "Completed").Skip(n).First();

    private static Dictionary<(string Code, string Category, string Reason), long> Keyed(ErrorFileTally tally) =>
        tally.Reasons.ToDictionary(pair => (pair.Key.Code, pair.Key.Category, pair.Key.Reason), pair => pair.Value);

    private static async Task<Uri> ErrorRowsLinkAsync(ZuoraSimulator simulator, string jobId)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", simulator.Options.StaticTokens[0]);
        using var json = JsonDocument.Parse(await http.GetStringAsync($"bulk-data/bulk-jobs/{jobId}/downloads"));
        return new Uri(json.RootElement.GetProperty("errorRowsFile").GetString()!);
    }
}
