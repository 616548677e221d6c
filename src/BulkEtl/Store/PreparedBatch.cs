namespace BulkEtl.Store;

/// <summary>
/// One statement prepared once and run for every row of a batch, its parameters made once and only their values set
/// per row. Dapper's list execution re-creates every parameter for every row, which on the store's writes costs as much
/// CPU as SQLite's own work. Lists go into SQL this way too: as rows of a (temporary) table that a query joins.
/// </summary>
internal sealed class PreparedBatch : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    /// <param name="names">The statement's parameters, without the <c>@</c>, in the order <see cref="Execute"/> takes values.</param>
    public PreparedBatch(SqliteTransaction transaction, string sql, params string[] names)
        : this(transaction.Connection!, transaction, sql, names)
    {
    }

    /// <param name="transaction">The caller's open transaction, if any (Microsoft.Data.Sqlite requires it then).</param>
    /// <param name="names">The statement's parameters, without the <c>@</c>, in the order <see cref="Execute"/> takes values.</param>
    public PreparedBatch(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        _parameters = names.Select(name => _command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value))).ToArray();
        _command.Prepare();
    }

    /// <returns>The rows the statement changed.</returns>
    public int Execute(params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
