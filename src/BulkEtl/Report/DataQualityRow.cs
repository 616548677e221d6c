using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>One broken rule of one stored summary (see the view bulk_job_quality_issues).</summary>
internal sealed record DataQualityRow(
    string JobId,
    string Rule,
    string? Detail,
    string? ObjectType,
    string? JobType,
    string? Status,
    string? CreatedAt,
    long? RowCount,
    long? RowsSucceeded,
    long? RowsFailed);

/// <summary>The data-quality CSV's columns; names and order are the analysts' contract.</summary>
internal sealed class DataQualityRowMap : ClassMap<DataQualityRow>
{
    public DataQualityRowMap()
    {
        Map(row => row.JobId).Index(0).Name("jobId");
        Map(row => row.Rule).Index(1).Name("rule");
        Map(row => row.Detail).Index(2).Name("detail");
        Map(row => row.ObjectType).Index(3).Name("objectType");
        Map(row => row.JobType).Index(4).Name("jobType");
        Map(row => row.Status).Index(5).Name("status");
        Map(row => row.CreatedAt).Index(6).Name("createdAt");
        Map(row => row.RowCount).Index(7).Name("rowCount");
        Map(row => row.RowsSucceeded).Index(8).Name("rowsSucceeded");
        Map(row => row.RowsFailed).Index(9).Name("rowsFailed");
    }
}
