using BulkEtl.Store;
using BulkEtl.Model;
using BulkEtl.Extract;

namespace BulkEtl.Run;

/// <summary>
/// Which stored values a fetched summary would change, named as in <c>bulk_jobs</c>. Timestamps are compared as the
/// store keeps them (whole seconds), so a summary equal to its stored row is no change.
/// </summary>
internal static class JobDifference
{
    public static IReadOnlyList<string> Fields(JobSummary stored, JobSummary fetched)
    {
        var fields = new List<string>();
        Add(fields, "name", stored.Name, fetched.Name);
        Add(fields, "description", stored.Description, fetched.Description);
        Add(fields, "created_at", Text(stored.CreatedAt), Text(fetched.CreatedAt));
        Add(fields, "created_by", stored.CreatedBy, fetched.CreatedBy);
        Add(fields, "status", stored.Status, fetched.Status);
        Add(fields, "row_count", stored.RowCount, fetched.RowCount);
        Add(fields, "rows_succeeded", stored.RowsSucceeded, fetched.RowsSucceeded);
        Add(fields, "rows_failed", stored.RowsFailed, fetched.RowsFailed);
        Add(fields, "last_updated_at", Text(stored.LastUpdatedAt), Text(fetched.LastUpdatedAt));
        Add(fields, "failure_reason", stored.FailureReason, fetched.FailureReason);
        Add(fields, "object_type", stored.ObjectType, fetched.ObjectType);
        Add(fields, "job_type", stored.JobType, fetched.JobType);
        Add(fields, "is_custom_object", stored.IsCustomObject, fetched.IsCustomObject);
        Add(fields, "custom_object_namespace", stored.CustomObjectNamespace, fetched.CustomObjectNamespace);
        Add(fields, "data_source_type", stored.DataSourceType, fetched.DataSourceType);
        Add(fields, "system_type", stored.SystemType, fetched.SystemType);
        Add(fields, "file_type", stored.FileType, fetched.FileType);
        Add(fields, "raw_json", stored.RawJson, fetched.RawJson);
        return fields;
    }

    private static string? Text(DateTimeOffset? instant) => instant is { } value ? StoreTime.ToText(value) : null;

    private static void Add<T>(List<string> fields, string name, T stored, T fetched)
    {
        if (!EqualityComparer<T>.Default.Equals(stored, fetched))
        {
            fields.Add(name);
        }
    }
}
