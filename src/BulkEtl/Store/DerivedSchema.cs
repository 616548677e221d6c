using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>
/// What every writable open rebuilds from this build rather than from migrations, in one transaction and only where
/// the store differs: the table job_statuses from <see cref="JobStatuses"/> (the statuses are defined once, in C#, and
/// handed to SQL), and the views built from rules (<c>sql/views/&lt;name&gt;.sql</c>, which include <c>sql/rules/</c>).
/// A status or a rule then changes in one file, without a migration, and the analysts' views never lag the reports.
/// Migrations are history and cannot follow either; what a migration created under the same name is simply replaced.
/// </summary>
internal static class DerivedSchema
{
    public const string StatusTable = "job_statuses";

    private const string ViewFolder = "views/";

    /// <summary>Each view built from a rule, named after its file.</summary>
    public static IReadOnlyList<DerivedView> Views { get; } = SqlScripts.Names
        .Where(name => name.StartsWith(ViewFolder, StringComparison.Ordinal))
        .Select(name => new DerivedView(Path.GetFileNameWithoutExtension(name), SqlScripts.Get(name)))
        .ToArray();

    /// <summary>The rows job_statuses must hold: every status of <see cref="JobStatuses.All"/>, ordered by status.</summary>
    public static IReadOnlyList<StatusRow> Statuses { get; } = JobStatuses.All
        .Order(StringComparer.Ordinal)
        .Select(status => new StatusRow(status, JobStatuses.Final.Contains(status) ? 1 : 0, status == JobStatuses.Failed ? 1 : 0))
        .ToArray();

    /// <summary>Rewrites the statuses and re-creates the views that differ from this build's.</summary>
    /// <returns>What it rewrote: <see cref="StatusTable"/> and view names; empty when the store was current.</returns>
    public static IReadOnlyList<string> Refresh(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // Compared first without the write lock: a store that is current (every night but an upgrade's) is only read,
        // so a run does not wait on, or block, another writer for nothing.
        if (Stale(connection, transaction: null) is (false, { Count: 0 }))
        {
            return [];
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var (statuses, views) = Stale(connection, transaction);
        if (statuses)
        {
            connection.Execute(SqlScripts.Get("store/sync_job_statuses.sql"), new { Statuses = SqlJson.Of(Statuses) }, transaction);
        }

        foreach (var view in views)
        {
            connection.Execute(view.Script, transaction: transaction);
        }

        transaction.Commit();
        return [.. statuses ? [StatusTable] : Array.Empty<string>(), .. views.Select(view => view.Name)];
    }

    /// <summary>Whether job_statuses differs from <see cref="Statuses"/>, and the views whose definition differs.</summary>
    private static (bool Statuses, IReadOnlyList<DerivedView> Views) Stale(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var statuses = !connection.Query<StatusRow>(SqlScripts.Get("store/job_statuses.sql"), transaction: transaction).SequenceEqual(Statuses);
        var views = Views
            .Where(view => !string.Equals(
                connection.ExecuteScalar<string?>(SqlScripts.Get("store/view_definition.sql"), new { view.Name }, transaction),
                view.Definition,
                StringComparison.Ordinal))
            .ToList();
        return (statuses, views);
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

    /// <summary>One row of job_statuses.</summary>
    public sealed record StatusRow(string Status, long IsFinal, long IsFailed);

    /// <summary>A view built from a rule: its script (a DROP VIEW IF EXISTS, then the CREATE VIEW) and the definition
    /// SQLite keeps of it once created, to compare with the store's.</summary>
    public sealed record DerivedView(string Name, string Script)
    {
        public string Definition { get; } = DerivedSchema.Definition(Script);
    }
}
