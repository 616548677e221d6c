namespace BulkEtl.Store;

/// <summary>
/// One run at a time per database: an exclusive lock on <c>&lt;db&gt;.lock</c>. .NET takes it with flock on Unix and a
/// share-none handle on Windows; either way the operating system drops it when the holder dies, even by kill -9,
/// so there is never a stale lock to clean up by hand.
/// </summary>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// The lock beside the database's real file: symlinks (of the file and of every folder on the way) are resolved, so
    /// two paths to one database contend for one lock.
    /// </summary>
    public static string PathFor(string databasePath) => Resolve(System.IO.Path.GetFullPath(databasePath), 0) + ".lock";

    /// <summary>Takes the lock, or returns null at once when another run holds it.</summary>
    /// <exception cref="StoreException">The lock's path is a symlink or not a regular file (refused, nothing is created
    /// or opened through it), or it cannot be created.</exception>
    public static RunLock? TryAcquire(string databasePath)
    {
        var path = PathFor(databasePath);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            RefuseUnlessPlainFile(path);
            var stream = CreateNew(path) ?? OpenExisting(path);
            if (stream is null)
            {
                return null;
            }

            // Between the look and the open a link could have been swapped in: the file opened must be the one named.
            if (!LocalPath.IsSameRegularFile(stream, path))
            {
                stream.Dispose();
                RefuseUnlessPlainFile(path);
                throw StoreException.WrongFile($"the run lock '{path}' changed while it was opened; nothing was done");
            }

            return new RunLock(stream);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the run lock '{path}': {exception.Message}", exception);
        }
    }

    private static void RefuseUnlessPlainFile(string path)
    {
        if (LocalPath.NotAPlainFile(path) is { } what)
        {
            throw StoreException.WrongFile(
                $"the run lock '{path}' is {what}: it is never opened through a link or as anything but a regular file; remove it");
        }
    }

    /// <summary>
    /// A new lock file, owner-only. O_CREAT with O_EXCL never follows a symlink (one planted at this instant makes it
    /// fail), so the lock can never create a file elsewhere. Null when the file exists already.
    /// </summary>
    private static FileStream? CreateNew(string path)
    {
        try
        {
            var stream = new FileStream(path, LocalPath.CreateNewOptions(FileAccess.ReadWrite, FileShare.None, LocalPath.Private));
            LocalPath.SetMode(stream, LocalPath.Private);
            return stream;
        }
        catch (IOException) when (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            return null;
        }
    }

    /// <summary>The existing lock file, opened without O_CREAT (so nothing is created through a link); null when held.</summary>
    private static FileStream? OpenExisting(string path)
    {
        RefuseUnlessPlainFile(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>SYMLOOP_MAX on Linux: more links than this in one path is a loop.</summary>
    private const int MaxLinks = 40;

    /// <summary>The path with every symlink resolved, component by component from the root; missing parts stay as given.</summary>
    private static string Resolve(string fullPath, int links)
    {
        if (System.IO.Path.GetDirectoryName(fullPath) is not { } parent)
        {
            return fullPath;
        }

        var path = System.IO.Path.Combine(Resolve(parent, links), System.IO.Path.GetFileName(fullPath));
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return path;
        }

        if (links >= MaxLinks)
        {
            throw new StoreException($"cannot resolve '{fullPath}': too many levels of symbolic links");
        }

        // A dangling link: lock beside where it points, where SQLite would create the file.
        var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName
            ?? System.IO.Path.GetFullPath(info.LinkTarget, System.IO.Path.GetDirectoryName(path)!);
        return Resolve(target, links + 1);
    }
}
