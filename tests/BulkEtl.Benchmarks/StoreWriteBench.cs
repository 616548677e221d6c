using System.Diagnostics;
using System.Text;
using BulkEtl.Extract;
using BulkEtl.Model;
using BulkEtl.Store;
using Microsoft.Data.Sqlite;

namespace BulkEtl.Benchmarks;

/// <summary>
/// The store's write stage alone, beside SQLite's own near-limit: N mapped summaries upserted through
/// <see cref="RunBatchWriter"/> in batches of 200 (with snapshots and ledger progress, as a run writes them), then the
/// same rows as CSV through the sqlite3 shell's <c>.import</c> into a table of the same columns and key, in WAL.
/// </summary>
public static class StoreWriteBench
{
    private const int BatchSize = 200;

    /// <param name="source">A store filled by a run: its summaries, as Zuora sent them, are the rows written.</param>
    public static (double StoreRowsPerSecond, double? ImportRowsPerSecond) Run(string source, string folder)
    {
        var target = Path.Combine(folder, "store-bench.db");
        var written = WriteThroughStore(source, target, out var storeSeconds, out var storeCpu);
        var childrenBefore = CpuClock.Children();
        var import = ImportWithShell(target, folder);
        var importCpu = CpuClock.Children() - childrenBefore;
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  store: {storeCpu.TotalMicroseconds / written:0.0} us CPU a row; sqlite3 .import (setup included): {importCpu.TotalMicroseconds / written:0.0} us CPU a row"));
        return (written / storeSeconds, import is { } seconds ? written / seconds : null);
    }

    /// <summary>Times only the writer's commits; reading and mapping the summaries is outside the clock.</summary>
    private static long WriteThroughStore(string source, string target, out double seconds, out TimeSpan cpu)
    {
        using var reader = new SqliteConnection($"Data Source={source};Mode=ReadOnly;Pooling=False");
        reader.Open();
        using var store = StoreDatabase.Open(target);
        var runId = Guid.NewGuid();
        var ledger = new RunLedger(store, TimeProvider.System);
        ledger.Start(runId, "benchmark", Workload.From, Workload.To);
        var writer = new RunBatchWriter(store, ledger, runId, TimeProvider.System);

        using var query = reader.CreateCommand();
        query.CommandText = "SELECT raw_json FROM bulk_jobs ORDER BY rowid";
        using var rows = query.ExecuteReader();
        var batch = new List<JobSummary>(BatchSize);
        var clock = new Stopwatch();
        cpu = TimeSpan.Zero;
        long written = 0;
        while (true)
        {
            var more = rows.Read();
            if (more)
            {
                batch.Add(JobSummaryParser.ParseSummary(rows.GetString(0)));
            }

            if (batch.Count == BatchSize || (!more && batch.Count > 0))
            {
                var cpuBefore = CpuClock.Thread();
                clock.Start();
                writer.Commit(batch, [], []);
                clock.Stop();
                cpu += CpuClock.Thread() - cpuBefore;
                written += batch.Count;
                batch.Clear();
            }

            if (!more)
            {
                break;
            }
        }

        seconds = clock.Elapsed.TotalSeconds;
        return written;
    }

    /// <summary>The shell's import time (the CSV written beforehand), or null when there is no sqlite3 shell.</summary>
    private static double? ImportWithShell(string storePath, string folder)
    {
        var csv = Path.Combine(folder, "jobs.csv");
        var reference = Path.Combine(folder, "import-bench.db");
        string columns;
        using (var store = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False"))
        {
            store.Open();
            columns = ExportCsv(store, csv);
        }

        // Same columns (declared types kept) and primary key; not STRICT, since the shell imports NULL as ''.
        var setup = $"PRAGMA journal_mode=WAL;\nCREATE TABLE bulk_jobs ({columns}, PRIMARY KEY (id));\n";
        if (Shell(reference, setup) is null)
        {
            return null;
        }

        var importScript = $"PRAGMA synchronous=NORMAL;\n.import --csv --skip 1 '{csv}' bulk_jobs\n";
        return Shell(reference, importScript);
    }

    private static string ExportCsv(SqliteConnection store, string path)
    {
        using var command = store.CreateCommand();
        command.CommandText = "SELECT * FROM bulk_jobs ORDER BY rowid";
        using var rows = command.ExecuteReader();
        var declared = new List<string>();
        for (var i = 0; i < rows.FieldCount; i++)
        {
            declared.Add($"{rows.GetName(i)} {rows.GetDataTypeName(i)}");
        }

        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        file.Write(string.Join(',', Enumerable.Range(0, rows.FieldCount).Select(rows.GetName)));
        file.Write('\n');
        while (rows.Read())
        {
            for (var i = 0; i < rows.FieldCount; i++)
            {
                if (i > 0)
                {
                    file.Write(',');
                }

                if (!rows.IsDBNull(i))
                {
                    file.Write('"');
                    file.Write(Convert.ToString(rows.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!.Replace("\"", "\"\"", StringComparison.Ordinal));
                    file.Write('"');
                }
            }

            file.Write('\n');
        }

        return string.Join(", ", declared);
    }

    /// <summary>Runs a script in the sqlite3 shell; its wall time, or null when the shell is missing or fails.</summary>
    private static double? Shell(string database, string script)
    {
        var start = new ProcessStartInfo("sqlite3") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(database);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            using var shell = Process.Start(start)!;
            var stdout = shell.StandardOutput.ReadToEndAsync();
            var stderr = shell.StandardError.ReadToEndAsync();
            shell.StandardInput.Write(script);
            shell.StandardInput.Close();
            shell.WaitForExit();
            stopwatch.Stop();
            var errors = stderr.Result;
            if (shell.ExitCode != 0 || errors.Length > 0)
            {
                Console.Error.WriteLine($"sqlite3 failed ({shell.ExitCode}): {errors}");
                return null;
            }

            _ = stdout.Result;
            return stopwatch.Elapsed.TotalSeconds;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
