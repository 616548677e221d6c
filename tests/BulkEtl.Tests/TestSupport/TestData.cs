using BulkEtl.Extract;
using BulkEtl.Model;

namespace BulkEtl.Tests.TestSupport;

public static class TestData
{
    public const string SampleId = "3a3e85c4-96e7-486b-ae02-827120104301";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    public static JobSummary SampleSummary() => JobSummaryParser.ParseSummary(Read("sample-summary.json"));

    /// <summary>A summary with every optional field empty; set what a test needs with <c>with</c>.</summary>
    public static JobSummary Job(string id) => new(
        Id: id,
        Name: null,
        Description: null,
        CreatedAt: null,
        CreatedBy: null,
        Status: null,
        RowCount: null,
        RowsSucceeded: null,
        RowsFailed: null,
        LastUpdatedAt: null,
        FailureReason: null,
        ObjectType: null,
        JobType: null,
        IsCustomObject: null,
        CustomObjectNamespace: null,
        DataSourceType: null,
        SystemType: null,
        FileType: null,
        RawJson: $$"""{"id":"{{id}}"}""");
}
