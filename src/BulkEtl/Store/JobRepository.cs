using BulkEtl.Model;

namespace BulkEtl.Store;

/// <summary>
/// Reads and writes <c>bulk_jobs</c>. Writes go through a transaction the caller owns, so the caller
/// decides the batch size: <c>using var tx = connection.BeginTransaction(); repo.Upsert(batch, tx); tx.Commit();</c>.
/// Reads take the same optional transaction, which Microsoft.Data.Sqlite requires while one is open.
/// </summary>
internal sealed class JobRepository
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _timeProvider;

    public JobRepository(SqliteConnection connection, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connection = connection;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Inserts new jobs and updates known ones by id. A job whose stored values are all unchanged is
    /// left alone (its <c>updated_at</c> does not move).
    /// </summary>
    /// <returns>How many jobs were inserted or actually changed.</returns>
    /// <param name="entityId">The Zuora entity the summaries were fetched under; null keeps what is stored.</param>
    public int Upsert(IReadOnlyList<JobSummary> summaries, SqliteTransaction transaction, string? entityId = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(transaction);
        if (!ReferenceEquals(transaction.Connection, _connection))
        {
            throw new ArgumentException("the transaction belongs to another connection", nameof(transaction));
        }

        if (summaries.Count == 0)
        {
            return 0;
        }

        var now = StoreTime.ToText(_timeProvider.GetUtcNow());
        using var upsert = new PreparedBatch(transaction, SqlScripts.Get("jobs/upsert.sql"),
            "Id", "Name", "Description", "CreatedAt", "CreatedBy", "Status", "RowCount", "RowsSucceeded", "RowsFailed", "LastUpdatedAt",
            "FailureReason", "ObjectType", "JobType", "IsCustomObject", "CustomObjectNamespace", "DataSourceType", "SystemType", "FileType",
            "RawJson", "FirstSeenAt", "UpdatedAt", "EntityId", "CreatedDay", "CreatedWeek", "CreatedMonth");
        var written = 0;
        foreach (var summary in summaries)
        {
            var row = JobRow.From(summary, now);
            written += upsert.Execute(row.Id, row.Name, row.Description, row.CreatedAt, row.CreatedBy, row.Status, row.RowCount,
                row.RowsSucceeded, row.RowsFailed, row.LastUpdatedAt, row.FailureReason, row.ObjectType, row.JobType, row.IsCustomObject,
                row.CustomObjectNamespace, row.DataSourceType, row.SystemType, row.FileType, row.RawJson, row.FirstSeenAt, row.UpdatedAt,
                entityId, row.Periods?.Day, row.Periods?.Week, row.Periods?.Month);
        }

        return written;
    }

    public JobSummary? Find(string id, SqliteTransaction? transaction = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _connection
            .QuerySingleOrDefault<JobRow>(SqlScripts.Get("jobs/find.sql"), new { Id = id }, transaction)
            ?.ToSummary();
    }

    /// <summary>The stored states of <paramref name="ids"/>; unknown ids are absent.</summary>
    public IReadOnlyDictionary<string, StoredJobState> LoadStates(IReadOnlyCollection<string> ids, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _connection.Execute(SqlScripts.Get("jobs/create_batch_ids.sql"), transaction: transaction);
        AddIds("jobs/add_batch_id.sql", ids, transaction, clearFirst: "jobs/clear_batch_ids.sql");
        return _connection.Query<JobRow>(SqlScripts.Get("jobs/load_states.sql"), transaction: transaction)
            .ToDictionary(row => row.Id, row => row.ToState(), StringComparer.Ordinal);
    }

    /// <summary>Remembers listed ids in a temp table of this connection, so memory does not grow with the tenant.</summary>
    public void RememberListed(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        CreateListedIds();
        AddIds("jobs/add_listed_id.sql", ids, transaction: null);
    }

    /// <summary>Stored jobs not yet final that the listing did not show (see <see cref="RememberListed"/>).</summary>
    /// <param name="entity">Only this entity's jobs (a multi-entity run); null for every job.</param>
    public IReadOnlyList<string> UnfinishedNotListed(EntityFilter? entity = null)
    {
        CreateListedIds();
        return _connection.Query<string>(SqlScripts.Get("jobs/unfinished_not_listed.sql"),
            new { AnyEntity = entity is null ? 1 : 0, entity?.EntityId }).ToList();
    }

    /// <summary>Notes that Zuora answered 404 for <paramref name="jobId"/>; its last known state is kept.</summary>
    public void MarkNotFound(string jobId, DateTimeOffset observedAt, SqliteTransaction transaction) =>
        _connection.Execute(SqlScripts.Get("jobs/mark_not_found.sql"),
            new { JobId = jobId, ObservedAt = StoreTime.ToText(observedAt) }, transaction);

    /// <summary>
    /// Writes <paramref name="ids"/> into a temp table by <paramref name="addFile"/>, one prepared statement for all, in
    /// the caller's transaction or in a deferred one of its own, which touches only the temp database: it takes no
    /// lock on the store and works on a read-only one.
    /// </summary>
    private void AddIds(string addFile, IReadOnlyCollection<string> ids, SqliteTransaction? transaction, string? clearFirst = null)
    {
        using var own = transaction is null ? _connection.BeginTransaction(deferred: true) : null;
        var current = transaction ?? own!;
        if (clearFirst is not null)
        {
            _connection.Execute(SqlScripts.Get(clearFirst), transaction: current);
        }

        using (var add = new PreparedBatch(current, SqlScripts.Get(addFile), "Id"))
        {
            foreach (var id in ids)
            {
                add.Execute(id);
            }
        }

        own?.Commit();
    }

    private void CreateListedIds()
    {
        _connection.Execute(SqlScripts.Get("jobs/temp_journal_off.sql"));
        _connection.Execute(SqlScripts.Get("jobs/create_listed_ids.sql"));
    }

    public long Count(SqliteTransaction? transaction = null) =>
        _connection.ExecuteScalar<long>(SqlScripts.Get("jobs/count.sql"), transaction: transaction);
}
