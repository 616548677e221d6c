using System.Security.Cryptography;
using System.Text;
using BulkEtl.Model;

namespace BulkEtl.Simulator;

/// <summary>
/// Forces each <see cref="PlantedAnomaly"/> onto a generated tenant: the group's jobs created that day that have counts
/// fail the planted share of the rows they processed, and when they processed fewer than
/// <see cref="MinimumRows"/> rows a completed job of that group and day is added, so the day is large enough to judge.
/// </summary>
public static class AnomalyPlanter
{
    public const long MinimumRows = 5_000;

    public static IReadOnlyList<SimulatedJob> Plant(IReadOnlyList<SimulatedJob> jobs, IReadOnlyList<PlantedAnomaly> anomalies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(anomalies);
        if (anomalies.Count == 0)
        {
            return jobs;
        }

        var result = jobs.ToList();
        foreach (var anomaly in anomalies)
        {
            long processed = 0;
            for (var i = 0; i < result.Count; i++)
            {
                var job = result[i];
                if (job.ObjectType == anomaly.ObjectType && job.JobType == anomaly.JobType
                    && DateOnly.FromDateTime(job.CreatedAt.UtcDateTime) == anomaly.Day
                    && (job.RowsSucceeded ?? 0) + (job.RowsFailed ?? 0) is var rows and > 0)
                {
                    var failed = (long)Math.Round(rows * anomaly.Rate, MidpointRounding.AwayFromZero);
                    result[i] = job with { RowsSucceeded = rows - failed, RowsFailed = failed, OmitNullCounts = false };
                    processed += rows;
                }
            }

            if (processed < MinimumRows)
            {
                result.Add(AddedJob(anomaly, now));
            }
        }

        return result.OrderBy(job => job.CreatedAt).ThenBy(job => job.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>A completed job of the anomaly's group and day, its id derived from the anomaly so a tenant stays the same.</summary>
    private static SimulatedJob AddedJob(PlantedAnomaly anomaly, DateTimeOffset now)
    {
        var start = new DateTimeOffset(anomaly.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var createdAt = start.AddHours(6) <= now ? start.AddHours(6) : start;
        var failed = (long)Math.Round(MinimumRows * anomaly.Rate, MidpointRounding.AwayFromZero);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{anomaly.ObjectType}\n{anomaly.JobType}\n{anomaly.Day:yyyy-MM-dd}"));
        var id = new Guid(hash.AsSpan(0, 16)).ToString("D");
        return new SimulatedJob(
            Id: id,
            Name: $"Planted {anomaly.ObjectType} {anomaly.JobType}",
            Description: null,
            CreatedAt: DateTimeOffset.FromUnixTimeSeconds(createdAt.ToUnixTimeSeconds()),
            CreatedBy: "ops-bot",
            Status: JobStatuses.Completed,
            RowCount: MinimumRows,
            RowsSucceeded: MinimumRows - failed,
            RowsFailed: failed,
            LastUpdatedAt: DateTimeOffset.FromUnixTimeSeconds(createdAt.ToUnixTimeSeconds()),
            FailureReason: null,
            ObjectType: anomaly.ObjectType,
            JobType: anomaly.JobType,
            IsCustomObject: anomaly.ObjectType.EndsWith("__c", StringComparison.Ordinal),
            CustomObjectNamespace: "default",
            DataSourceType: "API",
            SystemType: "BILLING",
            FileType: "csv",
            TimestampShape: TimestampShape.EpochSeconds);
    }
}
