using BulkEtl.Run;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Run;

/// <summary>The fields a dry run names: bulk_jobs' columns, in its order, compared as the store keeps them.</summary>
public sealed class JobDifferenceTests
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fields_EveryValueChanged_NamesEveryColumnButTheKeyAndBookkeepingInTableOrder()
    {
        var stored = TestData.Job("j1");
        var fetched = stored with
        {
            Name = "n", Description = "d", CreatedAt = Instant, CreatedBy = "c", Status = "Completed",
            RowCount = 3, RowsSucceeded = 2, RowsFailed = 1, LastUpdatedAt = Instant, FailureReason = "f",
            ObjectType = "account", JobType = "Insert", IsCustomObject = false, CustomObjectNamespace = "ns",
            DataSourceType = "s", SystemType = "t", FileType = "csv", RawJson = "{}",
        };

        Assert.Equal(
            [
                "name", "description", "created_at", "created_by", "status", "row_count", "rows_succeeded", "rows_failed",
                "last_updated_at", "failure_reason", "object_type", "job_type", "is_custom_object", "custom_object_namespace",
                "data_source_type", "system_type", "file_type", "raw_json",
            ],
            JobDifference.Fields(stored, fetched));
    }

    [Fact]
    public void Fields_TimestampsApartByLessThanTheStoredSecond_IsNoChange()
    {
        var stored = TestData.Job("j1") with { CreatedAt = Instant, LastUpdatedAt = Instant };
        var fetched = stored with { CreatedAt = Instant.AddMilliseconds(400), LastUpdatedAt = Instant.AddMilliseconds(900).ToOffset(TimeSpan.FromHours(2)) };

        Assert.Empty(JobDifference.Fields(stored, fetched));
    }

    [Fact]
    public void Fields_FlagFromUnknownToFalse_IsAChange()
    {
        var stored = TestData.Job("j1");

        Assert.Equal(["is_custom_object"], JobDifference.Fields(stored, stored with { IsCustomObject = false }));
    }
}
