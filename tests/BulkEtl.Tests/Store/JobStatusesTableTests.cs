using BulkEtl.Model;
using BulkEtl.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Store;

/// <summary>
/// The statuses are written once for C# (JobStatuses) and once as data for SQL (the job_statuses table of migration
/// 0006, which the views and queries join). This pins the two together: a status added or made final on one side only
/// fails here.
/// </summary>
public sealed class JobStatusesTableTests
{
    [Fact]
    public void JobStatusesTable_AfterMigrations_EqualsJobStatuses()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        SchemaMigrator.Migrate(connection, Migration.Embedded, TimeProvider.System, CancellationToken.None);

        var rows = connection.Query<(string Status, long IsFinal, long IsFailed)>(
            "SELECT status, is_final, is_failed FROM job_statuses").ToList();

        Assert.Equal(JobStatuses.All.Order(StringComparer.Ordinal), rows.Select(row => row.Status).Order(StringComparer.Ordinal));
        Assert.Equal(JobStatuses.Final.Order(StringComparer.Ordinal),
            rows.Where(row => row.IsFinal == 1).Select(row => row.Status).Order(StringComparer.Ordinal));
        Assert.Equal([JobStatuses.Failed], rows.Where(row => row.IsFailed == 1).Select(row => row.Status));
    }
}
