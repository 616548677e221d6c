using BulkEtl.Model;
using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>One period and (objectType, jobType) group of the trend, with the failure-rate report's rules.</summary>
public sealed record FailureRateTrendRow(
    string Period,
    string ObjectType,
    string JobType,
    long Jobs,
    long JobsFailed,
    long RowCount,
    long RowsSucceeded,
    long RowsFailed,
    decimal? FailureRate);

/// <summary>The trend CSV's columns; names and order are the analysts' contract.</summary>
public sealed class FailureRateTrendRowMap : ClassMap<FailureRateTrendRow>
{
    public FailureRateTrendRowMap()
    {
        Map(row => row.Period).Index(0).Name("period");
        Map(row => row.ObjectType).Index(1).Name("objectType");
        Map(row => row.JobType).Index(2).Name("jobType");
        Map(row => row.Jobs).Index(3).Name("jobs");
        Map(row => row.JobsFailed).Index(4).Name("jobsFailed");
        Map(row => row.RowCount).Index(5).Name("rowCount");
        Map(row => row.RowsSucceeded).Index(6).Name("rowsSucceeded");
        Map(row => row.RowsFailed).Index(7).Name("rowsFailed");
        Map(row => row.FailureRate).Index(8).Name("failureRate").TypeConverterOption.Format(TextFormats.FailureRate);
    }
}
