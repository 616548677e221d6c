using System.Text.RegularExpressions;
using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// Writes a file so readers see the old one or the whole new one, never half: a temp file in the same folder,
/// flushed to disk, then renamed over the target. Every report file (CSV, chart, manifest) goes through here.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>Hidden temp files are named <c>.&lt;name&gt;.&lt;32 hex&gt;.tmp</c>; a killed writer may leave one.</summary>
    public const string TempPattern = ".*.tmp";

    /// <summary>The temp file's name for a file named <paramref name="fileName"/>.</summary>
    public static string TempName(string fileName) => $".{fileName}.{Guid.NewGuid():N}.tmp";

    /// <summary>
    /// Whether <paramref name="name"/> is a temp file this class made for a report file BulkEtl writes: anything else in
    /// the folder (another tool's <c>.foo.tmp</c>) is not ours to delete.
    /// </summary>
    public static bool IsOwnTempName(string name) =>
        OwnTemp().Match(name) is { Success: true } match && ReportFiles.IsReportFileName(match.Groups["name"].Value);

    /// <returns>The full path written.</returns>
    /// <param name="mode">The file's permissions, set exactly whatever the umask: a report is the owner's to write and
    /// its group's to read; the metrics file is the owner's alone. A folder this creates is owner-and-group (0750).</param>
    /// <exception cref="ReportException">The folder or file cannot be created or written; no temp file is left.</exception>
    public static async Task<string> WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken,
        UnixFileMode mode = LocalPath.Report)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no folder", nameof(path));
        string? tempPath = null;
        try
        {
            LocalPath.CreateFolder(directory, LocalPath.ReportFolder);

            // Same folder as the target, so the move is a rename on one file system.
            tempPath = Path.Combine(directory, TempName(Path.GetFileName(fullPath)));
            var options = LocalPath.CreateNewOptions(FileAccess.Write, FileShare.None, mode, asynchronous: true);
            options.BufferSize = 64 * 1024;
            await using (var stream = new FileStream(tempPath, options))
            {
                LocalPath.SetMode(stream, mode);
                await write(stream, cancellationToken);
                // Data on disk before the rename, so a crash cannot leave an empty file under the final name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
            tempPath = null;
            return fullPath;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"cannot write '{fullPath}': {exception.Message.ReplaceLineEndings(" ")}", exception);
        }
        finally
        {
            if (tempPath is not null)
            {
                TryDelete(tempPath);
            }
        }
    }

    public static Task<string> WriteAsync(string path, byte[] content, CancellationToken cancellationToken, UnixFileMode mode = LocalPath.Report) =>
        WriteAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), cancellationToken, mode);

    /// <summary>
    /// Removes temp files a killed writer left in <paramref name="directory"/>. Only old ones: another command (a
    /// report, a run on another database) may be writing into the same folder right now, and a write takes seconds.
    /// </summary>
    public static void RemoveLeftovers(string directory, TimeProvider timeProvider, TimeSpan olderThan)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var cutoff = timeProvider.GetUtcNow().UtcDateTime - olderThan;
        foreach (var leftover in new DirectoryInfo(directory).EnumerateFiles(TempPattern)
                     .Where(file => IsOwnTempName(file.Name) && file.LastWriteTimeUtc < cutoff))
        {
            TryDelete(leftover.FullName);
        }
    }

    [GeneratedRegex(@"^\.(?<name>.+)\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnTemp();

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temp file.
        }
    }
}
