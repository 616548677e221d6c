using BulkEtl.Model;

namespace BulkEtl.Simulator;

/// <summary>
/// Builds a realistic tenant from a seed: standard and custom objects, the four job types, every status, null counts
/// where a job has not run, and names that exercise CSV quoting and spreadsheet formula escaping downstream.
/// </summary>
public static class TenantGenerator
{
    private static readonly string[] StandardObjects =
        ["account", "contact", "subscription", "invoice", "payment", "usage", "product", "productRatePlan", "order", "creditMemo"];

    private static readonly (string Name, string Namespace)[] CustomObjects =
        [("vehicle__c", "default"), ("shipment__c", "logistics"), ("meter_reading__c", "default")];

    private static readonly string[] JobTypes = ["Import", "Update", "Delete", "Cancel"];

    // Most jobs are settled; the rest cover every status of the enum.
    private static readonly (string Status, int Weight)[] Statuses =
    [
        (JobStatuses.Completed, 60), (JobStatuses.Failed, 12), (JobStatuses.InProgress, 5), (JobStatuses.Created, 4),
        (JobStatuses.Submitted, 4), (JobStatuses.Aborting, 3), (JobStatuses.Aborted, 4), (JobStatuses.Cancelled, 4),
        (JobStatuses.Downloading, 4),
    ];

    private static readonly string[] Names =
    [
        "Nightly account sync", "Usage upload, batch 3", "Price \"refresh\" Q4", "Import\nmulti-line", "Clients français — été",
        "日本の請求書", "=HYPERLINK(\"http://x\")", "+1 adjustments", "-credit memos", "@mention import", "Plain load",
    ];

    private static readonly string[] Creators = ["admin", "integration@example.com", "ops-bot"];

    private const string IdCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static IReadOnlyList<SimulatedJob> Generate(int count, int seed, int days, DateTimeOffset now, double nonUuidIdShare = 0)
    {
        var random = new Random(seed);
        // Its own generator, drawn only when asked: a share of 0 leaves every other draw, and so the tenant, unchanged.
        var idRandom = nonUuidIdShare > 0 ? new Random(unchecked((seed * 397) ^ 0x5A17)) : null;
        // Whole seconds: every timestamp shape then round-trips exactly.
        var end = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var windowSeconds = (long)TimeSpan.FromDays(Math.Max(days, 1)).TotalSeconds;
        var jobs = new List<SimulatedJob>(count);
        for (var i = 0; i < count; i++)
        {
            // The first jobs take every status in turn, so even a small tenant has all of them.
            var status = i < Statuses.Length ? Statuses[i].Status : PickStatus(random);
            var createdAt = i % 17 == 5
                ? new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero).AddDays(-random.Next(0, Math.Max(days, 1)))
                : end.AddSeconds(-random.NextInt64(0, windowSeconds));
            var job = WithDataQualityFault(CreateJob(random, i, status, createdAt, end), i);
            if (idRandom is not null && idRandom.NextDouble() < nonUuidIdShare)
            {
                job = job with { Id = NonUuidId(idRandom, i) };
            }

            jobs.Add(job);
        }

        return jobs.OrderBy(job => job.CreatedAt).ThenBy(job => job.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A real tenant has a few summaries that contradict themselves; a large simulated one does too, so the
    /// data-quality report has something to find. Applied without drawing from the generator, so the rest of the
    /// tenant is the same whatever the size.
    /// </summary>
    private static SimulatedJob WithDataQualityFault(SimulatedJob job, int index) => index switch
    {
        _ when index % 97 == 96 && job.RowsSucceeded is { } succeeded => job with { RowsSucceeded = succeeded + 7 },
        _ when index % 149 == 148 => job with { Status = "Queued" },
        _ => job,
    };

    private static SimulatedJob CreateJob(Random random, int index, string status, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var custom = random.Next(100) < 20;
        var (objectType, objectNamespace) = custom
            ? CustomObjects[random.Next(CustomObjects.Length)]
            : (StandardObjects[random.Next(StandardObjects.Length)], "default");
        var (rowCount, succeeded, failed) = Counts(random, status);
        var lastUpdated = createdAt.AddSeconds(random.Next(5, 7200));
        if (lastUpdated > now)
        {
            lastUpdated = now;
        }

        var shapeDraw = random.Next(100);
        var shape = shapeDraw < 80 ? TimestampShape.EpochSeconds : shapeDraw < 90 ? TimestampShape.EpochMilliseconds : TimestampShape.Iso8601;
        return new SimulatedJob(
            Id: DeterministicGuid(random),
            Name: $"{Names[random.Next(Names.Length)]} #{index}",
            Description: random.Next(4) == 0 ? null : $"Loads {objectType} records, part {random.Next(1, 9)}",
            CreatedAt: createdAt,
            CreatedBy: Creators[random.Next(Creators.Length)],
            Status: status,
            RowCount: rowCount,
            RowsSucceeded: succeeded,
            RowsFailed: failed,
            LastUpdatedAt: lastUpdated,
            FailureReason: status == "Failed" ? "Row validation failed: see the error file" : null,
            ObjectType: objectType,
            JobType: JobTypes[random.Next(JobTypes.Length)],
            IsCustomObject: custom,
            CustomObjectNamespace: objectNamespace,
            DataSourceType: random.Next(3) == 0 ? "API" : "UserUpload",
            SystemType: random.Next(5) == 0 ? "REVENUE" : "BILLING",
            FileType: random.Next(4) == 0 ? "jsonl" : "csv",
            TimestampShape: shape,
            OmitNullCounts: random.Next(2) == 0,
            HasExtraField: random.Next(10) == 0);
    }

    private static (long? RowCount, long? Succeeded, long? Failed) Counts(Random random, string status)
    {
        long rows = random.Next(1, 50_000);
        switch (status)
        {
            case JobStatuses.Created or JobStatuses.Submitted:
                return (null, null, null);
            case JobStatuses.Completed:
                var failedShare = random.Next(100) < 60 ? 0 : random.NextDouble() * 0.1;
                var completedFailed = (long)(rows * failedShare);
                return (rows, rows - completedFailed, completedFailed);
            case JobStatuses.Failed:
                var failed = (long)(rows * (0.3 + random.NextDouble() * 0.7));
                return (rows, rows - failed, failed);
            default:
                // Running or stopped part-way: some rows processed, some not yet.
                var processed = (long)(rows * random.NextDouble());
                var someFailed = (long)(processed * random.NextDouble() * 0.2);
                return (rows, processed - someFailed, someFailed);
        }
    }

    private static string PickStatus(Random random)
    {
        var draw = random.Next(Statuses.Sum(status => status.Weight));
        foreach (var (status, weight) in Statuses)
        {
            if ((draw -= weight) < 0)
            {
                return status;
            }
        }

        return JobStatuses.Completed;
    }

    /// <summary>
    /// Ids Zuora's string type allows that are not UUIDs: 32 hex digits as its object ids, a readable key, or the full
    /// 64 characters in mixed case (ids are case-sensitive).
    /// </summary>
    private static string NonUuidId(Random random, int index)
    {
        switch (random.Next(3))
        {
            case 0:
                Span<byte> bytes = stackalloc byte[16];
                random.NextBytes(bytes);
                return Convert.ToHexStringLower(bytes);
            case 1:
                return $"BJ-{index:D6}_{IdCharacters[random.Next(26, 52)]}";
            default:
                return string.Create(64, random, (chars, source) =>
                {
                    for (var i = 0; i < chars.Length; i++)
                    {
                        chars[i] = IdCharacters[source.Next(IdCharacters.Length)];
                    }
                });
        }
    }

    private static string DeterministicGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, so it looks like Zuora's ids
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }
}
