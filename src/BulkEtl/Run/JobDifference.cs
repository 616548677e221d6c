using System.Reflection;
using System.Text.Json;
using BulkEtl.Store;
using BulkEtl.Model;

namespace BulkEtl.Run;

/// <summary>
/// Which stored values a fetched summary would change, named as in <c>bulk_jobs</c>. Both sides are compared as the
/// store's own <see cref="JobRow"/> would write them (timestamps as whole-second text, the flag as 0/1), so a summary
/// equal to its stored row is no change and a column added to the row is compared without being listed here again.
/// </summary>
internal static class JobDifference
{
    // The key, what the store stamps on every write or knows apart from the summary (never a change Zuora made), and
    // the periods, which follow created_at, compared itself.
    private static readonly HashSet<string> NotCompared =
        [nameof(JobRow.Id), nameof(JobRow.FirstSeenAt), nameof(JobRow.UpdatedAt), nameof(JobRow.EntityId), nameof(JobRow.Periods)];

    // In declaration order, which is the column order of bulk_jobs; JobRow's property names are its columns in Pascal case.
    private static readonly (string Column, PropertyInfo Property)[] Compared =
    [
        .. typeof(JobRow).GetProperties()
            .Where(property => !NotCompared.Contains(property.Name))
            .OrderBy(property => property.MetadataToken)
            .Select(property => (JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), property)),
    ];

    public static IReadOnlyList<string> Fields(JobSummary stored, JobSummary fetched)
    {
        // The write time only fills the columns skipped above.
        var (before, after) = (JobRow.From(stored, now: ""), JobRow.From(fetched, now: ""));
        return [.. Compared.Where(field => !Equals(field.Property.GetValue(before), field.Property.GetValue(after))).Select(field => field.Column)];
    }
}
