using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>
/// What every writable open rebuilds from this build rather than from migrations, in one transaction and only where the
/// store differs: the table job_statuses from <see cref="JobStatuses"/> (the statuses are defined once, in C#, and
/// handed to SQL as rows), and every view, each from its own file <c>sql/views/&lt;name&gt;.sql</c> (the "repeatable"
/// scripts of Flyway and DbUp). A status or a view then changes in one file, without a migration, and no view's
/// definition depends on which migration came last.
/// </summary>
internal static class DerivedSchema
{
    public const string StatusTable = "job_statuses";

    /// <summary>
    /// Every view, in the order they are created: each after the views it reads, so the list says how they depend on
    /// one another. A test checks it names every file of <c>sql/views/</c>, once.
    /// </summary>
    public static IReadOnlyList<string> ViewNames { get; } =
    [
        "job_states_counted",
        "job_states_reported",
        "job_state_quality_issues",
        "bulk_job_quality_issues",
        "bulk_job_periods",
        "failure_rates_by_period",
        "daily_failure_rates",
        "weekly_failure_rates",
        "monthly_failure_rates",
        "failure_reasons_by_day",
    ];

    public static IReadOnlyList<DerivedView> Views { get; } = ViewNames
        .Select(name => new DerivedView(name, SqlScripts.Get(ViewFile(name))))
        .ToArray();

    /// <summary>The rows job_statuses must hold: every status of <see cref="JobStatuses.All"/>, ordered by status.</summary>
    public static IReadOnlyList<StatusRow> Statuses { get; } = JobStatuses.All
        .Order(StringComparer.Ordinal)
        .Select(status => new StatusRow(status, JobStatuses.Final.Contains(status) ? 1 : 0, status == JobStatuses.Failed ? 1 : 0))
        .ToArray();

    public static string ViewFile(string name) => $"views/{name}.sql";

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
            connection.Execute(SqlScripts.Get("store/clear_job_statuses.sql"), transaction: transaction);
            using var add = new PreparedBatch(transaction, SqlScripts.Get("store/add_job_status.sql"), "Status", "IsFinal", "IsFailed");
            foreach (var row in Statuses)
            {
                add.Execute(row.Status, row.IsFinal, row.IsFailed);
            }
        }

        // SQLite checks a view's names only when it is read, so a view can be dropped and re-created under the views
        // that read it, which then read the new one.
        foreach (var view in views)
        {
            connection.Execute(view.DropStatement, transaction: transaction);
            connection.Execute(view.Definition, transaction: transaction);
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

    /// <summary>One row of job_statuses.</summary>
    public sealed record StatusRow(string Status, long IsFinal, long IsFailed);

    /// <summary>A view: its file's CREATE VIEW statement, as SQLite keeps it in sqlite_master once created (the
    /// statement from CREATE to the last character before the final semicolon, comments inside it included).</summary>
    public sealed record DerivedView(string Name, string Script)
    {
        public string Definition { get; } = DefinitionOf(Name, Script);

        /// <summary>
        /// The one statement composed here: SQL takes no parameter for a name, and <see cref="ViewNames"/> (lower-case
        /// letters and '_', checked on load) is this build's own list, never input.
        /// </summary>
        public string DropStatement => $"DROP VIEW IF EXISTS {Name};";

        private static string DefinitionOf(string name, string script)
        {
            if (name.Length == 0 || !name.All(c => c is '_' or (>= 'a' and <= 'z')))
            {
                throw new InvalidOperationException($"view name '{name}' must be lower-case letters and '_'");
            }

            var create = $"CREATE VIEW {name} AS";
            var start = script.StartsWith(create, StringComparison.Ordinal) ? 0 : script.IndexOf("\n" + create, StringComparison.Ordinal) + 1;
            return start < 0 || !script.AsSpan(start).StartsWith(create, StringComparison.Ordinal)
                ? throw new InvalidOperationException($"{ViewFile(name)} must hold the statement '{create} ...'")
                : script[start..].TrimEnd().TrimEnd(';').TrimEnd();
        }
    }
}
