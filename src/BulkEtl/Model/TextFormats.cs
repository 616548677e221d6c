namespace BulkEtl.Model;

/// <summary>
/// Text formats the stages share, written once. The store's instant format is <c>BulkEtl.Store.StoreTime.Format</c>.
/// </summary>
public static class TextFormats
{
    /// <summary>A UTC day: report windows, file names, periods, chart ticks, the ledger's window.</summary>
    public const string Day = "yyyy-MM-dd";

    /// <summary>A failure rate in the CSV reports: 4 decimals, always shown.</summary>
    public const string FailureRate = "0.0000";
}
