namespace BulkEtl.Report.Digest;

/// <summary>
/// The failure-rate rounding of the views and reports (README, "Trend queries in SQL") for sums the digest adds up from the daily view: failed /
/// processed rounded half away from zero to 4 decimals, computed exactly in 128-bit integers (so 0.00005 gives
/// 0.0001), as the double nearest that multiple of 0.0001; null when nothing was processed or the inputs are outside
/// 0 ≤ failed ≤ processed, as there. Daily sums are capped at 10^12 rows a job, so the products stay far inside Int128.
/// </summary>
internal static class ExactRate
{
    public static double? Of(long failed, long processed)
    {
        if (processed <= 0 || failed < 0 || failed > processed)
        {
            return null;
        }

        var tenThousandths = ((Int128)failed * 20_000 + processed) / ((Int128)processed * 2);
        return (double)(long)tenThousandths / 10_000.0;
    }
}
