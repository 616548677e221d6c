using System.Globalization;
using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>
/// Brings a database up to the newest schema: each pending migration runs in its own transaction
/// together with its <c>schema_migrations</c> row and <c>PRAGMA user_version</c>, so a failure
/// leaves the database exactly at the previous version.
/// </summary>
internal static class SchemaMigrator
{
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static void Migrate(
        SqliteConnection connection,
        IReadOnlyList<Migration> migrations,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var current = CurrentVersion(connection);
        RefuseNewer(current, latest);
        if (current > 0)
        {
            VerifyApplied(connection, migrations, current);
        }

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Apply(connection, migration, timeProvider);
        }
    }

    private static void Apply(SqliteConnection connection, Migration migration, TimeProvider timeProvider)
    {
        // BEGIN IMMEDIATE: takes the write lock first, so two processes opening the same new
        // database cannot both apply a migration; the loser waits, then sees it already applied.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (CurrentVersion(connection, transaction) >= migration.Version)
        {
            return;
        }

        try
        {
            connection.Execute(SqlScripts.Get("store/create_schema_migrations.sql"), transaction: transaction);
            connection.Execute(migration.Sql, transaction: transaction);
            connection.Execute(SqlScripts.Get("store/record_migration.sql"), new
            {
                migration.Version,
                migration.Name,
                AppliedAt = StoreTime.ToText(timeProvider.GetUtcNow()),
                migration.Sha256,
            }, transaction);

            // PRAGMA takes no parameters; the version is an int we own, never user input.
            connection.Execute(
                string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {migration.Version};"),
                transaction: transaction);
            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            transaction.Rollback();
            throw new StoreException(
                $"migration {migration.Label} failed and was rolled back: {OneLine(exception.Message)}", exception);
        }
    }

    private static void RefuseNewer(int current, int latest)
    {
        if (current > latest)
        {
            throw StoreException.WrongFile(
                $"the database schema is version {current} but this BulkEtl knows only up to {latest}; use a newer BulkEtl");
        }
    }

    /// <summary>Refuses a database whose applied migrations changed since (their recorded SHA-256 differs).</summary>
    public static void VerifyApplied(SqliteConnection connection, IReadOnlyList<Migration> migrations, int current)
    {
        var applied = connection.Query<AppliedMigration>(SqlScripts.Get("store/applied_migrations.sql"));
        foreach (var row in applied)
        {
            var known = migrations.FirstOrDefault(m => m.Version == row.Version);
            if (known is not null && !string.Equals(known.Sha256, row.Sha256, StringComparison.Ordinal))
            {
                throw StoreException.WrongFile(
                    $"migration {known.Label} changed after it was applied (database at version {current}); migrations are forward-only: add a new one instead");
            }
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed class AppliedMigration
    {
        public long Version { get; set; }

        public string Name { get; set; } = "";

        public string Sha256 { get; set; } = "";
    }
}
