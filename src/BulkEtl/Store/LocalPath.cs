using Mono.Unix;
using Mono.Unix.Native;

namespace BulkEtl.Store;

/// <summary>
/// The files and folders BulkEtl writes must be what they claim before anything opens them: a FIFO as the metrics file
/// or the database hangs the process on open, a symlink to <c>/dev/zero</c> feeds a reader forever. A regular file (or
/// folder), or nothing yet, passes; a symlink is judged by what it points to. .NET cannot tell a FIFO or a device from a
/// regular file, so the check asks the system (stat) through Mono.Unix.
/// </summary>
internal static class LocalPath
{
    /// <summary>Owner read and write only: the store, its lock and the metrics file.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read and write, group read: the reports.</summary>
    public const UnixFileMode Report = Private | UnixFileMode.GroupRead;

    /// <summary>Owner all, group read and enter: the report folder.</summary>
    public const UnixFileMode ReportFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <summary>Null when <paramref name="path"/> is absent or a regular file (through any symlink); else what it is.</summary>
    public static string? NotAFile(string path) => Describe(path, FileTypes.RegularFile);

    /// <summary>Null when <paramref name="path"/> is absent or a folder (through any symlink); else what it is.</summary>
    public static string? NotAFolder(string path) => Describe(path, FileTypes.Directory);

    /// <summary>
    /// Null when <paramref name="path"/> itself (not followed) is absent or a regular file: the lock, which is never
    /// opened through a symlink.
    /// </summary>
    public static string? NotAPlainFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        return Syscall.lstat(path, out var status) != 0 ? null
            : Type(status) == FileTypes.SymbolicLink ? "a symbolic link"
            : Type(status) == FileTypes.RegularFile ? null
            : Name(Type(status));
    }

    /// <summary>Whether <paramref name="stream"/> is the regular file at <paramref name="path"/> itself, not one a link led to.</summary>
    public static bool IsSameRegularFile(FileStream stream, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var descriptor = (int)stream.SafeFileHandle.DangerousGetHandle();
        return Syscall.fstat(descriptor, out var opened) == 0 && Syscall.lstat(path, out var named) == 0
            && Type(opened) == FileTypes.RegularFile && Type(named) == FileTypes.RegularFile
            && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
    }

    /// <summary>The owner's user id, or null where the system has none (Windows) or the file is gone.</summary>
    public static long? OwnerOf(string path) =>
        !OperatingSystem.IsWindows() && Syscall.stat(path, out var status) == 0 ? status.st_uid : null;

    /// <summary>The user this process runs as, or null on Windows.</summary>
    public static long? CurrentUser => OperatingSystem.IsWindows() ? null : Syscall.geteuid();

    /// <summary>Creates <paramref name="folder"/> (and missing parents) if absent, and sets a folder it created to <paramref name="mode"/>.</summary>
    public static void CreateFolder(string folder, UnixFileMode mode)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, mode);
        // mkdir applies the umask; the mode is meant exactly, whatever the umask.
        File.SetUnixFileMode(folder, mode);
    }

    /// <summary>Options that create a new file (O_EXCL: never through a symlink) with <paramref name="mode"/> from the start.</summary>
    public static FileStreamOptions CreateNewOptions(FileAccess access, FileShare share, UnixFileMode mode, bool asynchronous = false)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = access, Share = share, Options = asynchronous ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        return options;
    }

    /// <summary>Sets an open file's mode exactly (fchmod), whatever the umask gave it at creation.</summary>
    public static void SetMode(FileStream stream, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stream.SafeFileHandle, mode);
        }
    }

    private static string? Describe(string path, FileTypes expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        // stat follows symlinks: a dangling one is a file not there yet.
        if (Syscall.stat(path, out var status) != 0)
        {
            return null;
        }

        var type = Type(status);
        if (type == expected)
        {
            return null;
        }

        var linked = Syscall.lstat(path, out var own) == 0 && Type(own) == FileTypes.SymbolicLink;
        return linked ? $"a symbolic link to {Name(type)}" : Name(type);
    }

    private static FileTypes Type(Stat status) => (FileTypes)(status.st_mode & FilePermissions.S_IFMT);

    private static string Name(FileTypes type) => type switch
    {
        FileTypes.Directory => "a folder",
        FileTypes.RegularFile => "a regular file",
        FileTypes.Fifo => "a FIFO (named pipe)",
        FileTypes.CharacterDevice => "a character device",
        FileTypes.BlockDevice => "a block device",
        FileTypes.Socket => "a socket",
        FileTypes.SymbolicLink => "a symbolic link",
        _ => "not a regular file",
    };
}
