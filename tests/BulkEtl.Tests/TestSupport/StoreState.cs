using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.TestSupport;

/// <summary>
/// Everything a run may change about stored jobs (rows with their not-found marks, snapshots, per-job ledger rows),
/// as comparable text, to prove that a night which must touch nothing touched nothing.
/// </summary>
internal static class StoreState
{
    public static IReadOnlyList<string> Jobs(string database)
    {
        using var connection = Open(database);
        return connection.Query<string>(
            """
            SELECT json_array(id, status, row_count, rows_succeeded, rows_failed, last_updated_at, raw_json, not_found_at, updated_at)
            FROM bulk_jobs ORDER BY id
            """).ToList();
    }

    public static IReadOnlyList<string> Snapshots(string database)
    {
        using var connection = Open(database);
        return connection.Query<string>(
            "SELECT json_array(job_id, run_id, status, row_count, not_found) FROM bulk_job_snapshots ORDER BY id").ToList();
    }

    public static IReadOnlyList<string> RunJobs(string database)
    {
        using var connection = Open(database);
        return connection.Query<string>("SELECT json_array(run_id, job_id, kind, reason) FROM etl_run_jobs ORDER BY run_id, job_id").ToList();
    }

    /// <summary>The three above together: what a night that must change no stored job leaves exactly as it was.</summary>
    public static IReadOnlyList<string> All(string database) => [.. Jobs(database), .. Snapshots(database), .. RunJobs(database)];

    private static SqliteConnection Open(string database) =>
        new(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
}
