namespace BulkEtl.Store;

/// <summary>
/// The store cannot be used as asked: the file is not a SQLite database, its schema is newer than
/// this build knows, or a migration failed. The message is one line, fit for a log or a console.
/// </summary>
public sealed class StoreException : Exception
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
}
