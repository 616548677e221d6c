using BulkEtl.Model;

namespace BulkEtl.Simulator;

/// <summary>
/// A tenant whose groups load every day at a steady failure rate of their own (1 % to 8 %, varying from day to day by
/// about 15 %), as a scheduled integration does: the background on which an unusual day must stand out. Jobs go round
/// the groups (the standard objects × the four job types, 40 at most) and the days in turn; about one in 200 fails
/// outright early, on a few dozen rows.
/// </summary>
public static class SteadyTenantGenerator
{
    private static readonly string[] Objects =
        ["account", "contact", "subscription", "invoice", "payment", "usage", "product", "productRatePlan", "order", "creditMemo"];

    private static readonly string[] JobTypes = ["Import", "Update", "Delete", "Cancel"];

    public static int MaxGroups => Objects.Length * JobTypes.Length;

    /// <summary>(objectType, jobType) of group <paramref name="index"/>, the order jobs go round them.</summary>
    public static (string ObjectType, string JobType) Group(int index) => (Objects[index / JobTypes.Length], JobTypes[index % JobTypes.Length]);

    public static IReadOnlyList<SimulatedJob> Generate(int count, int groups, int seed, int days, DateTimeOffset now)
    {
        groups = Math.Clamp(groups, 1, MaxGroups);
        days = Math.Max(days, 1);
        var random = new Random(seed);
        var end = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var lastDay = new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero);
        var baselines = Enumerable.Range(0, groups).Select(_ => 0.01 + random.NextDouble() * 0.07).ToArray();
        var dayFactors = new Dictionary<(int Group, int Day), double>();
        var jobs = new List<SimulatedJob>(count);
        for (var i = 0; i < count; i++)
        {
            var group = i % groups;
            var back = i / groups % days;
            var (objectType, jobType) = Group(group);
            var createdAt = lastDay.AddDays(-back).AddSeconds(random.Next(0, 86_400));
            if (createdAt > end)
            {
                createdAt = lastDay.AddDays(-back).AddSeconds(random.Next(0, Math.Max(1, (int)(end - lastDay).TotalSeconds)));
            }

            if (!dayFactors.TryGetValue((group, back), out var dayFactor))
            {
                dayFactor = Math.Exp(0.15 * Normal(random));
                dayFactors[(group, back)] = dayFactor;
            }

            long rows = random.Next(2_000, 20_000);
            var failsOutright = random.Next(200) == 0;
            var status = failsOutright ? JobStatuses.Failed : JobStatuses.Completed;
            long failed = failsOutright
                ? random.Next(10, 100)
                : (long)Math.Round(rows * Math.Min(1, baselines[group] * dayFactor * Math.Exp(0.05 * Normal(random))));
            var succeeded = failsOutright ? 0 : rows - failed;
            var lastUpdated = createdAt.AddSeconds(random.Next(5, 3_600));
            jobs.Add(new SimulatedJob(
                Id: Id(random),
                Name: $"Nightly {objectType} {jobType.ToLowerInvariant()} #{i}",
                Description: null,
                CreatedAt: createdAt,
                CreatedBy: "integration@example.com",
                Status: status,
                RowCount: rows,
                RowsSucceeded: succeeded,
                RowsFailed: failed,
                LastUpdatedAt: lastUpdated > end ? end : lastUpdated,
                FailureReason: failsOutright ? "Row validation failed: see the error file" : null,
                ObjectType: objectType,
                JobType: jobType,
                IsCustomObject: false,
                CustomObjectNamespace: "default",
                DataSourceType: "API",
                SystemType: "BILLING",
                FileType: "csv",
                TimestampShape: TimestampShape.EpochSeconds));
        }

        return jobs.OrderBy(job => job.CreatedAt).ThenBy(job => job.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }
}
