namespace BulkEtl.Store;

/// <summary>
/// The store cannot be used as asked: the file is not a SQLite database, its schema is newer than
/// this build knows, or a migration failed. The message is one line, fit for a log or a console.
/// </summary>
internal sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The file named is the wrong one for this program (not SQLite, another program's database, a newer or edited
    /// schema): a person must fix the path, nothing was changed. Tells a configuration error from a failing disk.
    /// </summary>
    public bool IsWrongFile { get; private init; }

    public static StoreException WrongFile(string message, Exception? innerException = null) =>
        innerException is null ? new(message) { IsWrongFile = true } : new(message, innerException) { IsWrongFile = true };
}
