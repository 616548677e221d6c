using BulkEtl.Extract;
using BulkEtl.Model;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Extract;

public sealed class JobSummaryParserTests
{
    [Fact]
    public void ParseSummary_DocumentedSample_MapsEveryField()
    {
        var summary = JobSummaryParser.ParseSummary(TestData.Read("sample-summary.json"));

        Assert.Equal(TestData.SampleId, summary.Id);
        Assert.Equal("Sample Bulk Job", summary.Name);
        Assert.Equal("Job processing sample data", summary.Description);
        Assert.Equal(new DateTimeOffset(2021, 2, 23, 11, 54, 40, TimeSpan.Zero), summary.CreatedAt);
        Assert.Equal("admin", summary.CreatedBy);
        Assert.Equal(JobStatuses.InProgress, summary.Status);
        Assert.Equal(1000, summary.RowCount);
        Assert.Equal(800, summary.RowsSucceeded);
        Assert.Equal(200, summary.RowsFailed);
        Assert.Equal(new DateTimeOffset(2021, 2, 23, 12, 16, 20, TimeSpan.Zero), summary.LastUpdatedAt);
        Assert.Equal("Processing error", summary.FailureReason);
        Assert.Equal("account", summary.ObjectType);
        Assert.Equal("Import", summary.JobType);
        Assert.False(summary.IsCustomObject);
        Assert.Equal("default", summary.CustomObjectNamespace);
        Assert.Equal("UserUpload", summary.DataSourceType);
        Assert.Equal("BILLING", summary.SystemType);
        Assert.Equal("csv", summary.FileType);
    }

    [Fact]
    public void ParseSummary_EpochSeconds_IsUtcInstant()
    {
        var summary = JobSummaryParser.ParseSummary("""{"id":"a","createdAt":1614081280}""");

        Assert.Equal(new DateTimeOffset(2021, 2, 23, 11, 54, 40, TimeSpan.Zero), summary.CreatedAt);
        Assert.Equal("2021-02-23T11:54:40Z", StoreTime.ToText(summary.CreatedAt!.Value));
    }

    [Fact]
    public void ParseSummary_EpochMilliseconds_IsUtcInstant()
    {
        var summary = JobSummaryParser.ParseSummary("""{"id":"a","createdAt":1614081280123,"lastUpdatedAt":"1614082580000"}""");

        Assert.Equal(new DateTimeOffset(2021, 2, 23, 11, 54, 40, 123, TimeSpan.Zero), summary.CreatedAt);
        Assert.Equal(new DateTimeOffset(2021, 2, 23, 12, 16, 20, TimeSpan.Zero), summary.LastUpdatedAt);
    }

    [Theory]
    [InlineData(100_000_000_000, "5138-11-16T09:46:40Z")] // at the threshold: still seconds
    [InlineData(100_000_000_001, "1973-03-03T09:46:40Z")] // above it: milliseconds
    public void FromEpoch_AroundThreshold_PicksUnit(long epoch, string expected)
    {
        var instant = ZuoraTimestamp.FromEpoch(epoch);

        Assert.Equal(expected, StoreTime.ToText(instant));
    }

    [Theory]
    [InlineData("2025-01-29T03:02:14Z", "2025-01-29T03:02:14Z")]
    [InlineData("2025-01-29T05:02:14+02:00", "2025-01-29T03:02:14Z")]
    [InlineData("2025-01-28T22:02:14-05:00", "2025-01-29T03:02:14Z")]
    [InlineData("2025-01-29T03:02:14.999Z", "2025-01-29T03:02:14Z")]
    [InlineData("2025-01-29T03:02:14", "2025-01-29T03:02:14Z")] // no offset: taken as UTC
    public void ParseSummary_IsoString_NormalisedToUtc(string text, string expected)
    {
        var summary = JobSummaryParser.ParseSummary($$"""{"id":"a","createdAt":"{{text}}"}""");

        Assert.Equal(TimeSpan.Zero, summary.CreatedAt!.Value.Offset);
        Assert.Equal(expected, StoreTime.ToText(summary.CreatedAt.Value));
    }

    [Fact]
    public void ParseSummary_NullsAndMissingFields_BecomeNull()
    {
        var summary = JobSummaryParser.ParseSummary(
            """{"id":"a","name":null,"createdAt":null,"rowCount":null,"isCustomObject":null,"lastUpdatedAt":""}""");

        Assert.Equal(TestData.Job("a") with { RawJson = summary.RawJson }, summary);
    }

    [Fact]
    public void ParseSummary_CountsAsStrings_AreRead()
    {
        var summary = JobSummaryParser.ParseSummary("""{"id":"a","rowCount":"1000","rowsSucceeded":"800","rowsFailed":"-1"}""");

        Assert.Equal(1000, summary.RowCount);
        Assert.Equal(800, summary.RowsSucceeded);
        Assert.Equal(-1, summary.RowsFailed);
    }

    [Fact]
    public void ParseSummary_CountNotANumber_Throws()
    {
        Assert.Throws<FormatException>(() => JobSummaryParser.ParseSummary("""{"id":"a","rowCount":"lots"}"""));
    }

    [Fact]
    public void ParseSummary_UnknownFields_KeptInRawJson()
    {
        var json = """{"id":"a","submittedAt":"2025-01-29T03:02:14Z","brandNew":{"x":[1,2,3]}}""";

        var summary = JobSummaryParser.ParseSummary(json);

        Assert.Equal(json, summary.RawJson);
    }

    [Theory]
    [InlineData("""{"name":"no id"}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("""{"id":""}""")]
    [InlineData("""[]""")]
    public void ParseSummary_MissingId_Throws(string json)
    {
        Assert.Throws<FormatException>(() => JobSummaryParser.ParseSummary(json));
    }

    [Fact]
    public void ParseListEntry_ListItem_MapsEightFields()
    {
        var entry = JobSummaryParser.ParseListEntry(System.Text.Json.JsonDocument.Parse(
            """{"id":"a","name":"n","status":"Failed","rowCount":3,"rowsSucceeded":1,"rowsFailed":2,"createdAt":1614081280,"lastUpdatedAt":"2021-02-23T12:16:20Z"}""").RootElement);

        Assert.Equal(new JobListEntry("a", "n", JobStatuses.Failed, 3, 1, 2,
            new DateTimeOffset(2021, 2, 23, 11, 54, 40, TimeSpan.Zero),
            new DateTimeOffset(2021, 2, 23, 12, 16, 20, TimeSpan.Zero)), entry);
    }
}
