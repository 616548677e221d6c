using System.Runtime.InteropServices;

namespace BulkEtl.Benchmarks;

/// <summary>
/// CPU time, which a machine shared with other builds disturbs far less than wall time: this thread's (Linux
/// CLOCK_THREAD_CPUTIME_ID) and that of the reaped child processes (getrusage RUSAGE_CHILDREN). Zero elsewhere.
/// </summary>
internal static partial class CpuClock
{
    public static TimeSpan Thread() =>
        OperatingSystem.IsLinux() && ClockGetTime(3, out var now) == 0 ? TimeSpan.FromTicks(now.Seconds * TimeSpan.TicksPerSecond + now.Nanoseconds / 100) : TimeSpan.Zero;

    public static TimeSpan Children()
    {
        if (!OperatingSystem.IsLinux() || GetRUsage(-1, out var usage) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks((usage.UserSeconds + usage.SystemSeconds) * TimeSpan.TicksPerSecond + (usage.UserMicroseconds + usage.SystemMicroseconds) * 10);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public fixed long Rest[14];
    }
}
