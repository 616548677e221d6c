using System.Diagnostics;

namespace BulkEtl.Tests.TestSupport;

/// <summary>Runs the real bulk-etl program as a separate process, as cron would.</summary>
internal static class ChildProcess
{
    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "bulk-etl.dll");

    /// <param name="umask">The file-creation mask the program starts with (as the shell's <c>umask</c> takes it), or null for this process's.</param>
    public static Process Start(IEnumerable<string> args, string? workingDirectory = null, string? umask = null)
    {
        var start = new ProcessStartInfo(umask is null ? "dotnet" : "/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        if (umask is not null)
        {
            foreach (var part in new[] { "-c", "umask \"$0\" && exec dotnet \"$@\"", umask })
            {
                start.ArgumentList.Add(part);
            }
        }

        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must not pick up a developer's real Zuora credentials.
        foreach (var name in new[] { "ZUORA_BASE_URL", "ZUORA_TOKEN", "ZUORA_CLIENT_ID", "ZUORA_CLIENT_SECRET" })
        {
            start.Environment.Remove(name);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start bulk-etl");
    }

    /// <summary>Sends SIGTERM, as systemd does on stop (Process.Kill would send SIGKILL).</summary>
    public static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, TimeSpan timeout, string? umask = null)
    {
        using var process = Start(args, umask: umask);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
