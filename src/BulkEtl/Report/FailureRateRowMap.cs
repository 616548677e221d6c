using BulkEtl.Model;
using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>The CSV columns of the failure-rate report; names and order are the analysts' contract.</summary>
public sealed class FailureRateRowMap : ClassMap<FailureRateRow>
{
    public FailureRateRowMap()
    {
        Map(row => row.ObjectType).Index(0).Name("objectType");
        Map(row => row.JobType).Index(1).Name("jobType");
        Map(row => row.Jobs).Index(2).Name("jobs");
        Map(row => row.JobsFailed).Index(3).Name("jobsFailed");
        Map(row => row.RowCount).Index(4).Name("rowCount");
        Map(row => row.RowsSucceeded).Index(5).Name("rowsSucceeded");
        Map(row => row.RowsFailed).Index(6).Name("rowsFailed");

        // Exactly four decimals ("0.2000"); null is written as an empty cell.
        Map(row => row.FailureRate).Index(7).Name("failureRate").TypeConverterOption.Format(TextFormats.FailureRate);
    }
}
