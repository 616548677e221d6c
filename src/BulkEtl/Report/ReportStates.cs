using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// The job states a report scope counts, selected into the connection's temporary table counted_states
/// (<c>queries/counted_states.sql</c>), which every report query reads: the failure rates, the trend and its chart, the
/// failure reasons and the data-quality list count the same states, and the store is scanned once per scope. The
/// table lives in the temp database, so a read-only store stays unwritten.
/// </summary>
internal sealed class ReportStates(SqliteConnection connection)
{
    public const string File = "queries/counted_states.sql";

    private ReportScope? _selected;

    public SqliteConnection Connection => connection;

    /// <summary>Selects the states of <paramref name="scope"/> unless they are the ones selected last.</summary>
    /// <exception cref="ArgumentException">The window starts after it ends.</exception>
    public ReportStates Select(ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var parameters = scope.Parameters();
        if (scope == _selected)
        {
            return this;
        }

        _selected = null;
        connection.Execute(SqlScripts.Get("queries/drop_counted_states.sql"));
        connection.Execute(SqlScripts.Get(File), parameters);
        _selected = scope;
        return this;
    }
}
