using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkEtl.Simulator;

namespace BulkEtl.Tests.Simulator;

public sealed class DownloadsEndpointTests
{
    [Fact]
    public async Task Downloads_UnfinishedJob_Answers404AndAFinishedOneSignedLinksToTheOtherOrigin()
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 12, Seed = 7 });
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", simulator.Options.StaticTokens[0]);
        var running = simulator.Jobs.First(job => job.Status is "In Progress" or "Created" or "Submitted");
        var finished = simulator.Jobs.First(job => job.Status == "Completed");

        using var notFinished = await http.GetAsync($"bulk-data/bulk-jobs/{running.Id}/downloads");
        using var answer = await http.GetAsync($"bulk-data/bulk-jobs/{finished.Id}/downloads");

        Assert.Equal(HttpStatusCode.NotFound, notFinished.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var errorRows = new Uri(json.RootElement.GetProperty("errorRowsFile").GetString()!);
        Assert.NotEqual(simulator.BaseUrl.Port, errorRows.Port);
        Assert.Equal(simulator.FileOriginUrl.Port, errorRows.Port);
        Assert.Contains("expires=", errorRows.Query, StringComparison.Ordinal);
        Assert.Contains("signature=", errorRows.Query, StringComparison.Ordinal);
        using var plain = new HttpClient();
        using var file = await plain.GetAsync(errorRows);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var forged = await plain.GetAsync(new Uri(errorRows.GetLeftPart(UriPartial.Path) + "?expires=99999999999&signature=00"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Aborted")]
    [InlineData("Cancelled")]
    public async Task Downloads_FinalJobThatDidNotComplete_Answers404AsZuorasReferenceDoes(string status)
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 12, Seed = 7 });
        using var http = Authorized(simulator);
        var job = simulator.Jobs.First(job => job.Status == status);

        using var answer = await http.GetAsync($"bulk-data/bulk-jobs/{job.Id}/downloads");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("not completed", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorRowsFile_OfAJsonLinesJob_IsOneJsonObjectPerFailedRow()
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 40, Seed = 7 });
        using var http = Authorized(simulator);
        var job = simulator.Jobs.First(job => job.Status == "Completed" && job.RowsFailed > 0);
        simulator.UpsertJob(job with { FileType = "jsonl" });

        using var answer = await http.GetAsync($"bulk-data/bulk-jobs/{job.Id}/downloads");
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        using var plain = new HttpClient();
        var text = await plain.GetStringAsync(new Uri(json.RootElement.GetProperty("errorRowsFile").GetString()!));

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(job.RowsFailed, lines.Length);
        var rows = simulator.ErrorRows(job.Id).ToList();
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            Assert.Equal(rows[i].Message, line.RootElement.GetProperty("ErrorMessage").GetString());
            Assert.Equal(rows[i].Code, line.RootElement.GetProperty("ErrorCode").GetString());
            Assert.Equal(rows[i].Values[1], line.RootElement.GetProperty("Name").GetString());
        }
    }

    private static HttpClient Authorized(ZuoraSimulator simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", simulator.Options.StaticTokens[0]);
        return http;
    }
}
