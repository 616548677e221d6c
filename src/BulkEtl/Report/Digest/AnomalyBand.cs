namespace BulkEtl.Report.Digest;

/// <summary>
/// A group's usual failure rate, from its previous days: the median of their daily rates and the band around it,
/// each rounded to 4 decimals as every published rate is. <see cref="PriorDays"/> days with a rate made it.
/// </summary>
internal sealed record AnomalyBand(double Median, double Low, double High, int PriorDays);
