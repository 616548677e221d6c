using Microsoft.Data.Sqlite;

namespace BulkEtl.Store;

/// <summary>Opens the SQLite store, ready to use: WAL journal, sane pragmas, schema migrated.</summary>
public static class StoreDatabase
{
    /// <summary>SQLite waits this long for another writer's lock before failing with SQLITE_BUSY.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private const int SqliteNotADatabase = 26;
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>
    /// Opens (creating it and its folder if missing) the database at <paramref name="path"/> and applies
    /// pending migrations. The caller owns the returned connection.
    /// </summary>
    /// <exception cref="StoreException">The file is not a SQLite database, its schema is newer than this
    /// build, or a migration failed.</exception>
    public static SqliteConnection Open(string path, CancellationToken cancellationToken = default) =>
        Open(path, Migration.Embedded, TimeProvider.System, cancellationToken);

    internal static SqliteConnection Open(
        string path,
        IReadOnlyList<Migration> migrations,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();

        var fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        RefuseNonDatabase(fullPath);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A nightly batch opens the store once; without pooling, Dispose really closes the file,
            // which keeps moves, deletes and tests predictable.
            Pooling = false,
        }.ToString());

        try
        {
            connection.Open();
            Configure(connection);
            SchemaMigrator.Migrate(connection, migrations, timeProvider, cancellationToken);
            return connection;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteNotADatabase)
        {
            connection.Dispose();
            throw new StoreException($"'{fullPath}' is not a SQLite database", exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Configure(SqliteConnection connection)
    {
        // First, so that switching to WAL (which needs a brief exclusive lock) waits for a concurrent opener.
        Scalar(connection, string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};"));

        // journal_mode cannot change inside a transaction, so it runs alone, before any migration.
        var journalMode = Scalar(connection, "PRAGMA journal_mode = WAL;");
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreException($"could not switch '{connection.DataSource}' to WAL journal mode (got '{journalMode}')");
        }

        Scalar(connection, "PRAGMA foreign_keys = ON;");

        // NORMAL is durable in WAL mode except for the last commits on power loss; a nightly
        // batch can re-extract those.
        Scalar(connection, "PRAGMA synchronous = NORMAL;");
    }

    private static string? Scalar(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return command.ExecuteScalar()?.ToString();
    }

    /// <summary>
    /// Reads the 16-byte header before SQLite touches the file: a text file (or anything else) must be
    /// refused without SQLite creating a journal next to it or writing into it.
    /// An empty file is a valid, empty database to SQLite.
    /// </summary>
    private static void RefuseNonDatabase(string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            return;
        }

        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[SqliteHeader.Length];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length || !header.SequenceEqual(SqliteHeader))
        {
            throw new StoreException($"'{fullPath}' is not a SQLite database");
        }
    }
}
