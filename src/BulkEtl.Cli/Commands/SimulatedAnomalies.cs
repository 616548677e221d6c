using System.CommandLine;
using BulkEtl.Simulator;

namespace BulkEtl.Cli.Commands;

/// <summary>The simulator's <c>--anomaly</c> and <c>--steady-groups</c> flags (simulate and demo share them).</summary>
internal static class SimulatedAnomalies
{
    public static Option<string[]> Option() => new("--anomaly")
    {
        Description = "Force a failure rate on one group for one day, objectType:jobType:day:rate, day as yyyy-MM-dd or 0, -1, -2... "
            + "days before today (UTC), rate 0..1; repeat for several (e.g. contact:Update:-1:0.41)",
    };

    public static Option<int> SteadyGroupsOption() => new("--steady-groups")
    {
        Description = $"A steady tenant of N groups (1..{SteadyTenantGenerator.MaxGroups}) loading every day at its own rate, instead of the varied one (0)",
    };

    public static int SteadyGroups(int value) => value >= 0 && value <= SteadyTenantGenerator.MaxGroups
        ? value
        : throw new UsageException($"--steady-groups must be between 0 and {SteadyTenantGenerator.MaxGroups}");

    /// <exception cref="UsageException">A value is not objectType:jobType:day:rate.</exception>
    public static IReadOnlyList<PlantedAnomaly> Parse(string[]? values, TimeProvider timeProvider)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var anomalies = new List<PlantedAnomaly>();
        foreach (var value in values ?? [])
        {
            try
            {
                anomalies.Add(PlantedAnomaly.Parse(value, today));
            }
            catch (FormatException exception)
            {
                throw new UsageException("--anomaly " + new string(exception.Message.Select(c => char.IsControl(c) ? '?' : c).ToArray()));
            }
        }

        return anomalies;
    }
}
