namespace BulkEtl.Report.Digest;

/// <summary>
/// One flagged group-day, a row of <c>anomalies_&lt;from&gt;_&lt;to&gt;.csv</c> (header
/// <c>objectType,jobType,day,rate,bandLow,bandHigh,rows</c>): the day's failure rate, the band it left
/// (<see cref="AnomalyRule"/>), and the rows processed that day (succeeded plus failed). <see cref="Median"/> is the
/// page's "usually"; it and <see cref="PriorDays"/> are not columns (<see cref="DigestReport.AnomalyColumns"/>).
/// </summary>
internal sealed record Anomaly(string ObjectType, string JobType, string Day, double Rate, double BandLow, double BandHigh, long Rows)
{
    public double Median { get; init; }

    public int PriorDays { get; init; }
}
