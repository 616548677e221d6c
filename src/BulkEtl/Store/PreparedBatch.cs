namespace BulkEtl.Store;

/// <summary>
/// One statement prepared once and run for every row of a batch, its parameters made once and only their values set
/// per row. Dapper's list execution re-creates every parameter for every row; on the store's writes that cost as much
/// CPU as SQLite's own work (issue 11).
/// </summary>
internal sealed class PreparedBatch : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    /// <param name="names">The statement's parameters, without the <c>@</c>, in the order <see cref="Execute"/> takes values.</param>
    public PreparedBatch(SqliteTransaction transaction, string sql, params string[] names)
    {
        _command = transaction.Connection!.CreateCommand();
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
