using BulkEtl.Model;
using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>The CSV columns of the failure-rate report; names and order are the analysts' contract.</summary>
internal sealed class FailureRateRowMap : ClassMap<FailureRateRow>
{
    /// <param name="withEntity">An <c>entityId</c> column first: only when the store holds more than one entity.</param>
    public FailureRateRowMap(bool withEntity = false)
    {
        var first = withEntity ? 1 : 0;
        if (withEntity)
        {
            Map(row => row.EntityId).Index(0).Name(EntityColumn.Name);
        }

        Map(row => row.ObjectType).Index(first).Name("objectType");
        Map(row => row.JobType).Index(first + 1).Name("jobType");
        Map(row => row.Jobs).Index(first + 2).Name("jobs");
        Map(row => row.JobsFailed).Index(first + 3).Name("jobsFailed");
        Map(row => row.RowCount).Index(first + 4).Name("rowCount");
        Map(row => row.RowsSucceeded).Index(first + 5).Name("rowsSucceeded");
        Map(row => row.RowsFailed).Index(first + 6).Name("rowsFailed");

        // Exactly four decimals ("0.2000"); null is written as an empty cell.
        Map(row => row.FailureRate).Index(first + 7).Name("failureRate").TypeConverterOption.Format(TextFormats.FailureRate);
    }
}
