using BulkEtl.Simulator;

namespace BulkEtl.Tests.Simulator;

public sealed class SimulatedTenantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<SimulatedJob> Generated = TenantGenerator.Generate(40, 7, 30, Now);

    [Fact]
    public void Ordered_GeneratedTenant_IsTheGeneratorsOrder()
    {
        var tenant = new SimulatedTenant(Generated.Reverse());

        Assert.Equal(Generated, tenant.Ordered());
    }

    [Fact]
    public void After_AKey_ReadsTheJobsStrictlyAfterItInOrder()
    {
        var tenant = new SimulatedTenant(Generated);

        var page = tenant.After(JobKey.Of(Generated[9]), 5, filter: null);

        Assert.Equal(Generated.Skip(10).Take(5), page);
    }

    [Fact]
    public void After_KeyOfARemovedJob_StillStartsRightAfterItsPlace()
    {
        var tenant = new SimulatedTenant(Generated);
        tenant.Remove(Generated[9].Id);

        var page = tenant.After(JobKey.Of(Generated[9]), 3, filter: null);

        Assert.Equal(Generated.Skip(10).Take(3), page);
    }

    [Fact]
    public void After_WithAFilter_ScansOnUntilThePageIsFull()
    {
        var tenant = new SimulatedTenant(Generated);

        var page = tenant.After(JobKey.First, 3, job => job.Status == "Completed");

        Assert.Equal(Generated.Where(job => job.Status == "Completed").Take(3), page);
    }

    [Fact]
    public void Upsert_SameIdNewCreatedAt_MovesTheJobWithoutLeavingItsOldPlace()
    {
        var tenant = new SimulatedTenant(Generated);
        var moved = Generated[0] with { CreatedAt = Generated[^1].CreatedAt.AddSeconds(1) };

        tenant.Upsert(moved);

        var ordered = tenant.Ordered();
        Assert.Equal(Generated.Count, ordered.Count);
        Assert.Equal(moved, ordered[^1]);
        Assert.Single(ordered, job => job.Id == moved.Id);
        Assert.True(tenant.TryGet(moved.Id, out var found));
        Assert.Equal(moved, found);
    }

    [Fact]
    public void Remove_UnknownId_IsFalseAndRemoveKnown_LeavesListAndLookup()
    {
        var tenant = new SimulatedTenant(Generated);

        Assert.False(tenant.Remove("nope"));
        Assert.True(tenant.Remove(Generated[3].Id));

        Assert.False(tenant.TryGet(Generated[3].Id, out _));
        Assert.DoesNotContain(Generated[3], tenant.Ordered());
        Assert.Equal(Generated[1], tenant.FirstOtherThan(Generated[0].Id));
    }
}
