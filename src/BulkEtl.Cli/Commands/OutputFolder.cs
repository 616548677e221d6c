namespace BulkEtl.Cli.Commands;

/// <summary>Checks the output folder before any work, so a night is not spent fetching what cannot be written.</summary>
internal static class OutputFolder
{
    public static string EnsureWritable(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".bulk-etl-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"the output folder '{path}' is not writable: {exception.Message}");
        }

        return full;
    }
}
