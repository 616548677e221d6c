namespace BulkEtl.Cli.Commands;

/// <summary>Checks the output folder before any work, so a night is not spent fetching what cannot be written.</summary>
internal static class OutputFolder
{
    public static string EnsureWritable(string path)
    {
        RunPaths.RequireFolder(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
            // Owner and group only (0750), whatever the umask: the reports name the tenant's objects and failures.
            BulkEtl.Store.LocalPath.CreateFolder(full, BulkEtl.Store.LocalPath.ReportFolder);
            // A fresh random name, created exclusively (O_EXCL): a symlink planted where the probe goes is never
            // followed, so the probe cannot truncate or create a file outside the folder.
            var probe = Path.Combine(full, $".bulk-etl-write-test-{Guid.NewGuid():N}");
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"the output folder '{path}' is not writable: {exception.Message}");
        }

        return full;
    }
}
