namespace BulkEtl.Store;

/// <summary>Opens the SQLite store: for writing (WAL journal, sane pragmas, schema migrated), or read-only, as it is.</summary>
internal static class StoreDatabase
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

        RefuseForeign(fullPath);
        CreatePrivate(fullPath);
        return OpenAs(fullPath, SqliteOpenMode.ReadWriteCreate, connection =>
        {
            Configure(connection);
            SchemaMigrator.Migrate(connection, migrations, timeProvider, cancellationToken);

            // The derived schema is built on this build's newest schema; a store held at an older one (a test's
            // partial migration list) keeps what its migrations made.
            if (SchemaMigrator.CurrentVersion(connection) == Migration.Embedded[^1].Version)
            {
                DerivedSchema.Refresh(connection);
            }
        });
    }

    /// <summary>
    /// Refuses, reading only, a file at <paramref name="path"/> that cannot become or be a store: not SQLite, or another
    /// program's SQLite database, which must not get BulkEtl's tables, nor be switched to WAL, because of a wrong --db.
    /// A missing or empty file passes. A run checks this before it takes its lock, so a refused file gets no lock file
    /// beside it either.
    /// </summary>
    /// <exception cref="StoreException">The file is not a SQLite database, or one BulkEtl did not make.</exception>
    public static void RefuseForeign(string path)
    {
        var fullPath = Path.GetFullPath(path);
        RefuseNonDatabase(fullPath, emptyIsDatabase: true);
        if (new FileInfo(fullPath) is { Exists: true, Length: > 0 } && Peek(fullPath) is { Tables: > 0, HasMigrations: false })
        {
            throw NotAStore(fullPath);
        }
    }

    /// <summary>
    /// Opens an existing store for reading only: no migration, no journal-mode switch, nothing written to the file.
    /// The caller owns the returned connection.
    /// </summary>
    /// <exception cref="StoreException">The file is missing, empty, not a SQLite database, a SQLite database BulkEtl
    /// did not make, or a store whose schema is older (run first) or newer (upgrade BulkEtl) than this build's.</exception>
    /// <param name="allowTempWrites">Leaves <c>query_only</c> off and keeps the temp schema in memory, so the caller
    /// can write temp tables (a dry run's planner does); the file itself is still opened read-only, never written.</param>
    public static SqliteConnection OpenReadOnly(string path, bool allowTempWrites = false) =>
        OpenReadOnly(path, Migration.Embedded, allowTempWrites);

    internal static SqliteConnection OpenReadOnly(string path, IReadOnlyList<Migration> migrations, bool allowTempWrites = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new StoreException($"'{fullPath}' does not exist: run 'bulk-etl run' first");
        }

        RefuseNonDatabase(fullPath, emptyIsDatabase: false);

        // The main file alone decides while there is no -wal: then it holds every commit. With a -wal (a run is
        // writing, or was killed), only a real open sees the latest schema.
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var peeked = Peek(fullPath);
        var mainFileDecides = !File.Exists(fullPath + "-wal");
        if (peeked.Tables > 0 && !peeked.HasMigrations || peeked.Tables == 0 && mainFileDecides)
        {
            throw NotAStore(fullPath);
        }

        if (mainFileDecides)
        {
            RefuseOtherVersion(fullPath, peeked.UserVersion, latest);
        }

        // On a WAL store SQLite creates the -shm (and an empty -wal) if missing, even read-only: its readers
        // coordinate with a writer through them. The database file itself is never written.
        return OpenAs(fullPath, SqliteOpenMode.ReadOnly, connection =>
        {
            Scalar(connection, string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};"));
            Scalar(connection, allowTempWrites ? "PRAGMA temp_store = MEMORY;" : "PRAGMA query_only = ON;");
            var current = SchemaMigrator.CurrentVersion(connection);
            if (current == 0)
            {
                throw NotAStore(fullPath);
            }

            RefuseOtherVersion(fullPath, current, latest);
            SchemaMigrator.VerifyApplied(connection, migrations, current);
        });
    }

    /// <summary>
    /// A new, empty store in memory with this build's schema, for a caller that must plan against a store that does
    /// not exist yet without creating a file. The caller owns the returned connection.
    /// </summary>
    public static SqliteConnection OpenInMemory(TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var connection = Connection(":memory:", SqliteOpenMode.ReadWriteCreate);
        try
        {
            connection.Open();
            SchemaMigrator.Migrate(connection, Migration.Embedded, timeProvider, cancellationToken);
            DerivedSchema.Refresh(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a missing store as an empty file, owner-only (0600) whatever the umask, before SQLite opens it: the store
    /// holds job names and who created them, and SQLite gives its -wal and -shm the main file's permissions.
    /// </summary>
    private static void CreatePrivate(string fullPath)
    {
        try
        {
            using var stream = new FileStream(fullPath, LocalPath.CreateNewOptions(FileAccess.Write, FileShare.ReadWrite, LocalPath.Private));
            LocalPath.SetMode(stream, LocalPath.Private);
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            // There already: its permissions are its owner's choice.
        }
    }

    private static void RefuseOtherVersion(string fullPath, int current, int latest)
    {
        if (current > latest)
        {
            throw StoreException.WrongFile(
                $"the database '{fullPath}' has schema version {current} but this BulkEtl knows only up to {latest}; use a newer BulkEtl");
        }

        if (current < latest)
        {
            throw StoreException.WrongFile(
                $"the database '{fullPath}' has schema version {current}, older than this BulkEtl's {latest}: run 'bulk-etl run' on it first to migrate it");
        }
    }

    /// <summary>
    /// Reads the main file alone (SQLite's immutable mode: no lock taken, no -wal or -shm created), to tell a store
    /// from another program's database before a normal read-only open, which on a WAL database creates those files.
    /// </summary>
    private static (long Tables, bool HasMigrations, int UserVersion) Peek(string fullPath)
    {
        var uri = new UriBuilder { Scheme = Uri.UriSchemeFile, Host = "", Path = fullPath, Query = "immutable=1" }.Uri.AbsoluteUri;
        using var peek = Connection(uri, SqliteOpenMode.ReadOnly);
        try
        {
            peek.Open();
            using var command = peek.CreateCommand();
            command.CommandText =
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE name = 'schema_migrations') FROM sqlite_master WHERE type = 'table';";
            long tables;
            bool hasMigrations;
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                tables = reader.GetInt64(0);
                hasMigrations = reader.GetInt64(1) > 0;
            }

            return (tables, hasMigrations, SchemaMigrator.CurrentVersion(peek));
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteNotADatabase)
        {
            throw StoreException.WrongFile($"'{fullPath}' is not a SQLite database", exception);
        }
    }

    /// <summary>
    /// Opens <paramref name="fullPath"/> and runs <paramref name="prepare"/> on it; on any failure the connection is
    /// closed, and a file SQLite cannot read is reported as the wrong file.
    /// </summary>
    private static SqliteConnection OpenAs(string fullPath, SqliteOpenMode mode, Action<SqliteConnection> prepare)
    {
        var connection = Connection(fullPath, mode);
        try
        {
            connection.Open();
            prepare(connection);
            return connection;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteNotADatabase)
        {
            connection.Dispose();
            throw StoreException.WrongFile($"'{fullPath}' is not a SQLite database", exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A connection to <paramref name="dataSource"/>, unopened. No pooling: a store is opened once per command, and
    /// without a pool Dispose really closes the file, which keeps moves, deletes and tests predictable.
    /// </summary>
    private static SqliteConnection Connection(string dataSource, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = mode, Pooling = false }.ToString());

    private static StoreException NotAStore(string fullPath) =>
        StoreException.WrongFile($"'{fullPath}' is not a BulkEtl store (a SQLite database without its schema): give --db a file 'bulk-etl run' made");

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

        // A run commits every 200 jobs; at SQLite's default (a checkpoint every 1,000 pages, 4 MB) each few batches
        // copy the same index pages back into the database again. 10,000 pages (40 MB of WAL on disk, no memory)
        // write each page far fewer times.
        Scalar(connection, "PRAGMA wal_autocheckpoint = 10000;");
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
    private static void RefuseNonDatabase(string fullPath, bool emptyIsDatabase)
    {
        // Before anything opens it: a FIFO would hang the open, a device would be read forever.
        if (LocalPath.NotAFile(fullPath) is { } what)
        {
            throw StoreException.WrongFile($"'{fullPath}' is {what}, not a database file");
        }

        if (!File.Exists(fullPath))
        {
            return;
        }

        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            if (emptyIsDatabase)
            {
                return;
            }

            throw NotAStore(fullPath);
        }

        Span<byte> header = stackalloc byte[SqliteHeader.Length];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length || !header.SequenceEqual(SqliteHeader))
        {
            throw StoreException.WrongFile($"'{fullPath}' is not a SQLite database");
        }
    }
}
