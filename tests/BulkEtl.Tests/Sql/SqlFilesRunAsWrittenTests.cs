using System.Diagnostics;
using System.Text.RegularExpressions;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Tests.Sql;

/// <summary>
/// Every .sql file outside the migrations is one complete statement that runs as written against a store a simulated
/// night made: in the sqlite3 shell when it is installed (every named parameter set with <c>.parameter set</c>), else
/// through Microsoft.Data.Sqlite with every parameter bound. A file that reads a temp table runs after the files that
/// make it, in the same session, as the program runs them. A view's file runs where a run runs it: after the view is
/// dropped; the view is then read once.
/// </summary>
public sealed partial class SqlFilesRunAsWrittenTests(SqlFilesRunAsWrittenTests.NightStore night) : IClassFixture<SqlFilesRunAsWrittenTests.NightStore>
{
    /// <summary>The temp tables' makers, for the files that read or write them.</summary>
    private static readonly Dictionary<string, string[]> Before = new(StringComparer.Ordinal)
    {
        ["queries/failure_rates.sql"] = ["queries/counted_states.sql"],
        ["queries/failure_reasons.sql"] = ["queries/counted_states.sql"],
        ["queries/failure_reasons_jobs.sql"] = ["queries/counted_states.sql"],
        ["queries/data_quality.sql"] = ["queries/counted_states.sql"],
        ["queries/trend_chart_lines.sql"] = ["queries/create_chart_groups.sql", "queries/add_chart_group.sql"],
        ["queries/add_chart_group.sql"] = ["queries/create_chart_groups.sql"],
        ["queries/clear_chart_groups.sql"] = ["queries/create_chart_groups.sql"],
        ["jobs/add_listed_id.sql"] = ["jobs/create_listed_ids.sql"],
        ["jobs/unfinished_not_listed.sql"] = ["jobs/create_listed_ids.sql", "jobs/add_listed_id.sql"],
        ["jobs/add_batch_id.sql"] = ["jobs/create_batch_ids.sql"],
        ["jobs/clear_batch_ids.sql"] = ["jobs/create_batch_ids.sql"],
        ["jobs/load_states.sql"] = ["jobs/create_batch_ids.sql", "jobs/add_batch_id.sql"],
    };

    /// <summary>A value for every named parameter the files use, as SQL literals; a new parameter needs one here.</summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["From"] = "'2026-10-22'", ["To"] = "'2026-11-20'", ["AsOf"] = "NULL", ["EntityId"] = "NULL", ["SettledOnly"] = "0",
        ["By"] = "'day'", ["ByEntity"] = "0", ["AnyEntity"] = "1", ["Outcome"] = "NULL", ["Limit"] = "5",
        ["Id"] = "'sql-file-test'", ["JobId"] = "'sql-file-test'", ["RunId"] = "'sql-file-run'", ["CurrentRunId"] = "'sql-file-run'",
        ["Name"] = "'name'", ["Description"] = "'description'", ["CreatedBy"] = "'someone'", ["Status"] = "'Completed'",
        ["ObjectType"] = "'account'", ["JobType"] = "'Import'", ["FailureReason"] = "NULL", ["IsCustomObject"] = "0",
        ["CustomObjectNamespace"] = "NULL", ["DataSourceType"] = "'CSV'", ["SystemType"] = "NULL", ["FileType"] = "'csv'",
        ["RawJson"] = "'{}'", ["RowCount"] = "10", ["RowsSucceeded"] = "8", ["RowsFailed"] = "2",
        ["CreatedAt"] = "'2026-11-20T10:00:00Z'", ["CreatedDay"] = "'2026-11-20'", ["CreatedWeek"] = "'2026-11-16'", ["CreatedMonth"] = "'2026-11'",
        ["LastUpdatedAt"] = "'2026-11-20T11:00:00Z'", ["FirstSeenAt"] = "'2026-11-20T12:00:00Z'", ["UpdatedAt"] = "'2026-11-20T12:00:00Z'",
        ["ObservedAt"] = "'2026-11-20T12:00:00Z'", ["StartedAt"] = "'2026-11-20T12:00:00Z'", ["FinishedAt"] = "'2026-11-20T12:05:00Z'",
        ["AppliedAt"] = "'2026-11-20T12:00:00Z'", ["CollectedAt"] = "'2026-11-20T12:00:00Z'",
        ["AskedAt"] = "'2026-11-20T12:00:00Z'", ["MaxNights"] = "3", ["DayStart"] = "'2026-11-20T00:00:00Z'",
        ["DayEnd"] = "'2026-11-21T00:00:00Z'", ["Before"] = "'2026-11-21T00:00:00Z'",
        ["Version"] = "999", ["Sha256"] = "'00'", ["TrackId"] = "'track'", ["ProcessId"] = "1", ["HostName"] = "'host'",
        ["WindowFrom"] = "'2026-10-22'", ["WindowTo"] = "'2026-11-20'",
        ["Listed"] = "0", ["Fetched"] = "0", ["New"] = "0", ["Changed"] = "0", ["Unchanged"] = "0", ["NotFound"] = "0", ["Failed"] = "0",
        ["Requests"] = "0", ["Retries"] = "0", ["TooManyRequests"] = "0", ["DataQualityIssues"] = "0", ["FailureMessage"] = "NULL",
        ["Kind"] = "'failed'", ["Reason"] = "'why'", ["Evidence"] = "'text'", ["FileName"] = "'report.csv'", ["Bytes"] = "10",
        ["Period"] = "'2026-11-20'", ["Code"] = "'53100320'", ["Category"] = "'invalid value'", ["Rows"] = "2", ["RowsRead"] = "2",
        ["IsFinal"] = "1", ["IsFailed"] = "0",
    };

    /// <summary>Parameters whose value depends on the file: a CHECK constraint allows other values in each table.</summary>
    private static readonly Dictionary<(string File, string Name), string> ValuesOf = new()
    {
        [("runs/record_rejected.sql", "Source")] = "'list'",
        [("reasons/mark_collected.sql", "Source")] = "'error_file'",
        [("store/add_job_status.sql", "Status")] = "'Invented'",
    };

    public static TheoryData<string> Files() => [.. SqlScripts.Names.Where(name => name.Contains('/', StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Files))]
    public void File_RunsAsWrittenAgainstANightsStore(string file)
    {
        var store = night.Copy();
        var files = Before.GetValueOrDefault(file, []).Append(file).ToList();
        var parameters = files.SelectMany(name => Parameter().Matches(SqlScripts.Get(name)).Select(match => (File: name, Name: match.Groups[1].Value)))
            .DistinctBy(parameter => parameter.Name)
            .Select(parameter => (parameter.Name, Value: ValuesOf.GetValueOrDefault(parameter, Values.GetValueOrDefault(parameter.Name)!)))
            .ToList();
        Assert.All(parameters, parameter => Assert.True(parameter.Value is not null, $"{file}: no test value for @{parameter.Name}"));

        var paths = files.Select(name => Path.Combine(RepositoryFiles.Root, "sql", name)).ToList();
        Assert.All(paths, path => Assert.Equal(SqlScripts.Get(Path.GetRelativePath(Path.Combine(RepositoryFiles.Root, "sql"), path).Replace('\\', '/')),
            File.ReadAllText(path).ReplaceLineEndings("\n")));
        var view = file.StartsWith("views/", StringComparison.Ordinal) ? Path.GetFileNameWithoutExtension(file) : null;
        string[] before = view is null ? [] : [$"DROP VIEW {view};"];
        string[] after = view is null ? [] : [$"SELECT COUNT(*) FROM {view};"];
        if (Shell() is { } shell)
        {
            RunInShell(shell, store, before, paths, after, parameters);
        }
        else
        {
            RunInLibrary(store, [.. before, .. paths.Select(File.ReadAllText), .. after], parameters);
        }
    }

    private static void RunInShell(string shell, string store, IReadOnlyList<string> before, IReadOnlyList<string> paths, IReadOnlyList<string> after,
        IReadOnlyList<(string Name, string Value)> parameters)
    {
        var script = string.Join("\n", [
            ".bail on",
            ".parameter init",
            .. parameters.Select(parameter => $".parameter set @{parameter.Name} \"{parameter.Value}\""),
            .. before,
            .. paths.Select(path => $".read '{path}'"),
            .. after,
        ]) + "\n";
        var start = new ProcessStartInfo(shell, [store]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        Assert.True(process.ExitCode == 0 && error.Length == 0, $"sqlite3 exit {process.ExitCode}: {error}\n{script}");
    }

    private static void RunInLibrary(string store, IReadOnlyList<string> statements, IReadOnlyList<(string Name, string Value)> parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Pooling = false }.ToString());
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            foreach (var (name, value) in parameters.Where(parameter => statement.Contains("@" + parameter.Name, StringComparison.Ordinal)))
            {
                command.Parameters.AddWithValue("@" + name, Literal(value));
            }

            command.ExecuteNonQuery();
        }
    }

    private static object Literal(string value) => value switch
    {
        "NULL" => DBNull.Value,
        ['\'', .. var text, '\''] => text,
        _ => long.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? Shell() => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "sqlite3"))
        .FirstOrDefault(File.Exists);

    [GeneratedRegex("@([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex Parameter();

    /// <summary>A store after a simulated night (summaries, snapshots, failure reasons, the ledger), copied per file.</summary>
    public sealed class NightStore : IAsyncLifetime
    {
        private readonly TempFolder _copies = new();
        private SimulatedNight? _night;
        private int _copy;

        public async Task InitializeAsync()
        {
            _night = await SimulatedNight.StartAsync(jobs: 40);
            var result = await _night.RunAsync();
            Assert.Equal(0, result.ExitCode);

            // One file with every commit, so a plain copy is the whole store.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _night.Database, Pooling = false }.ToString());
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        public string Copy()
        {
            var path = _copies.File($"store-{Interlocked.Increment(ref _copy)}.db");
            File.Copy(_night!.Database, path);
            return path;
        }

        public async Task DisposeAsync()
        {
            if (_night is not null)
            {
                await _night.DisposeAsync();
            }

            _copies.Dispose();
        }
    }
}
