namespace BulkEtl.Store;

/// <summary>
/// The views built from rules (<c>sql/views/&lt;name&gt;.sql</c>, which include <c>sql/rules/</c>): every writable
/// open re-creates each one whose definition in the store differs from this build's. A rule can then change in one
/// file without a migration, and the analysts' views never keep an older rule than the reports. Migrations are history
/// and cannot follow a rule; a view a migration created under the same name is simply replaced.
/// </summary>
internal static class DerivedViews
{
    private const string Folder = "views/";

    /// <summary>Each view's name (its file's) and its script: a DROP VIEW IF EXISTS, then the CREATE VIEW.</summary>
    public static IReadOnlyList<(string Name, string Script)> Embedded { get; } = SqlScripts.Names
        .Where(name => name.StartsWith(Folder, StringComparison.Ordinal))
        .Select(name => (Path.GetFileNameWithoutExtension(name), SqlScripts.Get(name)))
        .ToArray();

    /// <summary>Re-creates, in one transaction, every view whose stored definition is not this build's.</summary>
    /// <returns>The names of the views it re-created.</returns>
    public static IReadOnlyList<string> Refresh(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var transaction = connection.BeginTransaction(deferred: false);
        var recreated = new List<string>();
        foreach (var (name, script) in Embedded)
        {
            var stored = connection.ExecuteScalar<string?>(SqlScripts.Get("store/view_definition.sql"), new { Name = name }, transaction);
            if (!string.Equals(stored, Definition(script), StringComparison.Ordinal))
            {
                connection.Execute(script, transaction: transaction);
                recreated.Add(name);
            }
        }

        transaction.Commit();
        return recreated;
    }

    /// <summary>
    /// The CREATE VIEW statement as SQLite keeps it in sqlite_master: from CREATE to the last character before the
    /// final semicolon, comments inside it included.
    /// </summary>
    public static string Definition(string script)
    {
        var start = script.StartsWith("CREATE VIEW", StringComparison.Ordinal) ? 0 : script.IndexOf("\nCREATE VIEW", StringComparison.Ordinal) + 1;
        return !script.AsSpan(start).StartsWith("CREATE VIEW", StringComparison.Ordinal)
            ? throw new InvalidOperationException("a derived view's script must contain its CREATE VIEW statement")
            : script[start..].TrimEnd().TrimEnd(';').TrimEnd();
    }
}
