using BulkEtl.Model;
using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>One period and (objectType, jobType) group of the trend, with the failure-rate report's rules.</summary>
internal sealed record FailureRateTrendRow(
    string Period,
    string ObjectType,
    string JobType,
    long Jobs,
    long JobsFailed,
    long RowCount,
    long RowsSucceeded,
    long RowsFailed,
    decimal? FailureRate,
    string EntityId = "");

/// <summary>The trend CSV's columns; names and order are the analysts' contract.</summary>
internal sealed class FailureRateTrendRowMap : ClassMap<FailureRateTrendRow>
{
    /// <param name="withEntity">An <c>entityId</c> column first: only when the store holds more than one entity.</param>
    public FailureRateTrendRowMap(bool withEntity = false)
    {
        var first = withEntity ? 1 : 0;
        if (withEntity)
        {
            Map(row => row.EntityId).Index(0).Name(EntityColumn.Name);
        }

        Map(row => row.Period).Index(first).Name("period");
        Map(row => row.ObjectType).Index(first + 1).Name("objectType");
        Map(row => row.JobType).Index(first + 2).Name("jobType");
        Map(row => row.Jobs).Index(first + 3).Name("jobs");
        Map(row => row.JobsFailed).Index(first + 4).Name("jobsFailed");
        Map(row => row.RowCount).Index(first + 5).Name("rowCount");
        Map(row => row.RowsSucceeded).Index(first + 6).Name("rowsSucceeded");
        Map(row => row.RowsFailed).Index(first + 7).Name("rowsFailed");
        Map(row => row.FailureRate).Index(first + 8).Name("failureRate").TypeConverterOption.Format(TextFormats.FailureRate);
    }
}
