using BulkEtl.Store;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// What a run writes must be a regular file or a folder (or not exist yet) before anything is opened: a FIFO as
/// <c>--metrics-file</c> or <c>--db</c> hangs the process, a symlink to <c>/dev/zero</c> feeds a reader without end,
/// and the lock is never taken through a link.
/// </summary>
internal static class RunPaths
{
    /// <exception cref="UsageException">The metrics file is not a regular file.</exception>
    public static void RequireMetricsFile(string? path)
    {
        if (path is not null && LocalPath.NotAFile(Path.GetFullPath(path)) is { } what)
        {
            throw new UsageException($"--metrics-file '{ShownValue.Printable(path)}' is {what}: give a regular file, or a path where one can be created");
        }
    }

    /// <exception cref="UsageException">The database, its lock or the output folder is not what it must be.</exception>
    public static void RequireStoreAndOutput(string databasePath, string? outputDirectory)
    {
        if (LocalPath.NotAFile(Path.GetFullPath(databasePath)) is { } database)
        {
            throw new UsageException($"--db '{ShownValue.Printable(databasePath)}' is {database}: give a database file, or a path where one can be created");
        }

        var lockPath = RunLock.PathFor(databasePath);
        if (LocalPath.NotAPlainFile(lockPath) is { } held)
        {
            throw new UsageException($"the run lock '{ShownValue.Printable(lockPath)}' is {held}: the lock is never opened through a link or as anything but a regular file; remove it");
        }

        if (outputDirectory is not null)
        {
            RequireFolder(outputDirectory);
        }
    }

    /// <exception cref="UsageException">The path is there but not a folder.</exception>
    public static void RequireFolder(string outputDirectory)
    {
        if (LocalPath.NotAFolder(Path.GetFullPath(outputDirectory)) is { } what)
        {
            throw new UsageException($"--out '{ShownValue.Printable(outputDirectory)}' is {what}: give a folder, or a path where one can be created");
        }
    }
}
