using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary>Writes jobs the way Zuora's Bulk Data API does: 18 fields for a summary, 8 for a list item.</summary>
internal static class JobJson
{
    public static void WriteSummary(Utf8JsonWriter writer, SimulatedJob job)
    {
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("name", job.Name);
        WriteNullable(writer, "description", job.Description);
        WriteTimestamp(writer, "createdAt", job.CreatedAt, job.TimestampShape);
        WriteNullable(writer, "createdBy", job.CreatedBy);
        writer.WriteString("status", job.Status);
        WriteCounts(writer, job);
        WriteTimestamp(writer, "lastUpdatedAt", job.LastUpdatedAt, job.TimestampShape);
        WriteNullable(writer, "failureReason", job.FailureReason);
        writer.WriteString("objectType", job.ObjectType);
        writer.WriteString("jobType", job.JobType);
        writer.WriteBoolean("isCustomObject", job.IsCustomObject);
        WriteNullable(writer, "customObjectNamespace", job.CustomObjectNamespace);
        writer.WriteString("dataSourceType", job.DataSourceType);
        writer.WriteString("systemType", job.SystemType);
        writer.WriteString("fileType", job.FileType);
        if (job.HasExtraField)
        {
            // Zuora's bulk-job guide shows this field; the reference does not. Clients must keep it, not fail.
            writer.WriteString("submittedAt", job.CreatedAt.AddSeconds(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    public static void WriteListItem(Utf8JsonWriter writer, SimulatedJob job)
    {
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("name", job.Name);
        writer.WriteString("status", job.Status);
        WriteCounts(writer, job);
        WriteTimestamp(writer, "createdAt", job.CreatedAt, job.TimestampShape);
        WriteTimestamp(writer, "lastUpdatedAt", job.LastUpdatedAt, job.TimestampShape);
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, SimulatedJob job)
    {
        WriteCount(writer, "rowCount", job.RowCount, job.OmitNullCounts);
        WriteCount(writer, "rowsSucceeded", job.RowsSucceeded, job.OmitNullCounts);
        WriteCount(writer, "rowsFailed", job.RowsFailed, job.OmitNullCounts);
    }

    private static void WriteCount(Utf8JsonWriter writer, string name, long? value, bool omitWhenNull)
    {
        if (value is { } count)
        {
            writer.WriteNumber(name, count);
        }
        else if (!omitWhenNull)
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset value, TimestampShape shape)
    {
        switch (shape)
        {
            case TimestampShape.EpochMilliseconds:
                writer.WriteNumber(name, value.ToUnixTimeMilliseconds());
                break;
            case TimestampShape.Iso8601:
                writer.WriteString(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteNumber(name, value.ToUnixTimeSeconds());
                break;
        }
    }
}
