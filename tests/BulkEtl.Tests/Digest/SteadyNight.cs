using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Digest;

/// <summary>
/// A night against a steady simulated tenant (<see cref="SteadyTenantGenerator"/>) whose last day is
/// <see cref="LastDay"/>, complete: the run reports the 30 days to it and writes its digest for it.
/// </summary>
internal static class SteadyNight
{
    public static readonly DateOnly LastDay = new(2026, 11, 20);

    /// <summary>The last second of <see cref="LastDay"/>: the tenant's jobs end there, so that day is whole.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 23, 59, 59, TimeSpan.Zero);

    public static Task<SimulatedNight> StartAsync(int groups, int days, int jobsPerGroupDay, params PlantedAnomaly[] anomalies) =>
        SimulatedNight.StartAsync(groups * days * jobsPerGroupDay, seed: 11, configure: options => options with
        {
            Now = Now,
            Days = days,
            SteadyGroups = groups,
            Anomalies = anomalies,
        });

    public static string Read(SimulatedNight night, string name) => File.ReadAllText(Path.Combine(night.Reports, name));
}
