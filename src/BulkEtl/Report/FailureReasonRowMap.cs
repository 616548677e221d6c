using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>The CSV columns of the failure-reason report; names and order are the analysts' contract.</summary>
internal sealed class FailureReasonRowMap : ClassMap<FailureReasonRow>
{
    public FailureReasonRowMap()
    {
        Map(row => row.ObjectType).Index(0).Name("objectType");
        Map(row => row.JobType).Index(1).Name("jobType");
        Map(row => row.Category).Index(2).Name("category");
        Map(row => row.Code).Index(3).Name("code");
        Map(row => row.Reason).Index(4).Name("reason");
        Map(row => row.Rows).Index(5).Name("rows");
        Map(row => row.Jobs).Index(6).Name("jobs");
        Map(row => row.ShareOfFailedRows).Index(7).Name("shareOfFailedRows").TypeConverterOption.Format("0.0000");
    }
}
