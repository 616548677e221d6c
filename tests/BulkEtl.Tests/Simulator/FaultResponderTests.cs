using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using BulkEtl.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace BulkEtl.Tests.Simulator;

/// <summary>Faults that hold an answer back, over real loopback HTTP.</summary>
public sealed class FaultResponderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SlowIds_Summary_IsHeldBackForTheHangDurationThenAnsweredAndOtherIdsAreNot()
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 5, Seed = 3, Now = Now });
        var slow = simulator.Jobs[1];
        var other = simulator.Jobs[2];
        simulator.Faults = new FaultOptions { SlowIds = new HashSet<string> { slow.Id }, HangDuration = TimeSpan.FromSeconds(1.5) };
        using var http = Client(simulator);

        var (otherStatus, otherTime) = await TimeAsync(http, other.Id);
        var (slowStatus, slowTime) = await TimeAsync(http, slow.Id);

        Assert.Equal(HttpStatusCode.OK, slowStatus);
        Assert.True(slowTime >= TimeSpan.FromSeconds(1.4), $"the slow summary took {slowTime}");
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.True(otherTime < TimeSpan.FromSeconds(1), $"another summary took {otherTime}");
    }

    [Fact]
    public async Task SlowIds_OnAFakeClock_AnswersOnlyOnceTheClockHasMovedTheHangDuration()
    {
        var clock = new FakeTimeProvider(Now);
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 5, Seed = 3, Now = Now, TimeProvider = clock });
        var slow = simulator.Jobs[1];
        simulator.Faults = new FaultOptions { SlowIds = new HashSet<string> { slow.Id }, HangDuration = TimeSpan.FromMinutes(10) };
        using var http = Client(simulator);

        var pending = http.GetAsync($"bulk-data/bulk-jobs/{slow.Id}/summary");
        var early = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(300))) == pending;
        clock.Advance(TimeSpan.FromMinutes(10));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(early);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SlowIds_ClientGivesUp_TheHoldEndsWithTheRequest()
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = 5, Seed = 3, Now = Now });
        var slow = simulator.Jobs[1];
        simulator.Faults = new FaultOptions { SlowIds = new HashSet<string> { slow.Id }, HangDuration = TimeSpan.FromMinutes(10) };
        using var http = Client(simulator);
        http.Timeout = TimeSpan.FromMilliseconds(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.GetAsync($"bulk-data/bulk-jobs/{slow.Id}/summary"));
        var watch = Stopwatch.StartNew();
        while (simulator.Stats.TotalRequests == 0 && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, simulator.Stats.TotalRequests);
    }

    private static async Task<(HttpStatusCode Status, TimeSpan Took)> TimeAsync(HttpClient http, string id)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"bulk-data/bulk-jobs/{id}/summary");
        await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, watch.Elapsed);
    }

    private static HttpClient Client(ZuoraSimulator simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
        return http;
    }
}
