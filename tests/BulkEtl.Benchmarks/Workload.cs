using BulkEtl.Simulator;

namespace BulkEtl.Benchmarks;

/// <summary>The simulated tenant every stage measures against: fixed seed and clock, jobs over 30 UTC days.</summary>
public static class Workload
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly To = DateOnly.FromDateTime(Now.UtcDateTime);
    public static readonly DateOnly From = To.AddDays(-29);

    public static Task<ZuoraSimulator> StartSimulatorAsync(int jobs, FaultOptions? faults = null) =>
        ZuoraSimulator.StartAsync(new SimulatorOptions { Jobs = jobs, Seed = 1, Days = 30, Now = Now, Faults = faults ?? new FaultOptions() });
}
