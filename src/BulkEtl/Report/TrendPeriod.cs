namespace BulkEtl.Report;

/// <summary>The trend's period: a UTC day, or an ISO week named by its Monday.</summary>
public enum TrendPeriod
{
    Day,
    Week,
}
