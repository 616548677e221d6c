namespace BulkEtl.Store;

/// <summary>
/// One run at a time per database: an exclusive lock on <c>&lt;db&gt;.lock</c>. .NET takes it with flock on Unix and a
/// share-none handle on Windows; either way the operating system drops it when the holder dies, even by kill -9,
/// so there is never a stale lock to clean up by hand.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    public static string PathFor(string databasePath) => System.IO.Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Takes the lock, or returns null at once when another run holds it.</summary>
    public static RunLock? TryAcquire(string databasePath)
    {
        var path = PathFor(databasePath);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new RunLock(stream, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the run lock '{path}': {exception.Message}", exception);
        }
    }

    public void Dispose() => _stream.Dispose();
}
