using System.Diagnostics;
using System.Reflection;
using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Packaging;

/// <summary>
/// The CLI as operators install it: packed as a .NET tool, installed into a fresh folder, run from there. About 25 s;
/// skipped only when BULKETL_SKIP_TOOL_PACK=1 is set explicitly.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [ToolPackFact]
    public async Task PackedTool_InstalledIntoAFolder_PrintsItsVersionAndRunsTheDemo()
    {
        var packages = Path.Combine(_folder.Path, "packages");
        var tools = Path.Combine(_folder.Path, "tools");
        var project = Path.Combine(RepositoryFiles.Root, "src", "BulkEtl.Cli", "BulkEtl.Cli.csproj");

        // The CLI is already built for the tests, in this configuration: pack what was built.
        var pack = await RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", packages]);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        // A private package cache: a stale BulkEtl.Cli of the same version in ~/.nuget must not be what gets installed.
        var install = await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources", "BulkEtl.Cli"],
            ("NUGET_PACKAGES", Path.Combine(_folder.Path, "nuget-cache")));
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "bulk-etl.exe" : "bulk-etl");

        var version = await RunAsync(command, ["--version"]);
        var demo = await RunAsync(command, ["demo", "--jobs", "50", "--db", _folder.File("demo.db"), "--out", _folder.File("reports")]);

        Assert.Equal(0, version.ExitCode);
        Assert.Equal(typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, version.Output.Trim());
        Assert.True(demo.ExitCode == ExitCodes.Success, demo.Output + demo.Error);
        Assert.Contains("succeeded: listed 50", demo.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.File("demo.db")));
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private async Task<CliResult> RunAsync(string fileName, string[] args, params (string Name, string Value)[] variables)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Neither a developer's Zuora settings nor a stray configuration may reach the tool.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("ZUORA_", StringComparison.OrdinalIgnoreCase)
                     || name.StartsWith("BULKETL__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(StepTimeout);
        await process.WaitForExitAsync(cancel.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}

/// <summary>A fact that runs by default; set BULKETL_SKIP_TOOL_PACK=1 to skip it (a machine without the SDK's pack).</summary>
public sealed class ToolPackFactAttribute : FactAttribute
{
    public const string SkipVariable = "BULKETL_SKIP_TOOL_PACK";

    public ToolPackFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
        {
            Skip = $"{SkipVariable}=1";
        }
    }
}
