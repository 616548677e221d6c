using System.CommandLine;
using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Cli;

/// <summary>Every command and option explains itself, and every --help ends with an example.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> CommandPaths()
    {
        var root = CliApp.BuildRoot(new CliEnvironment(TextWriter.Null, TextWriter.Null, _ => null, TimeProvider.System));
        var paths = new TheoryData<string>();
        foreach (var (path, _) in Walk(root, ""))
        {
            paths.Add(path);
        }

        return paths;
    }

    [Fact]
    public void EveryCommandAndOption_HasADescription()
    {
        var root = CliApp.BuildRoot(new CliEnvironment(TextWriter.Null, TextWriter.Null, _ => null, TimeProvider.System));
        var missing = Walk(root, "")
            .SelectMany(pair => new[] { (pair.Path, Name: "(the command)", pair.Command.Description) }
                .Concat(pair.Command.Options.Select(option => (pair.Path, option.Name, option.Description))))
            .Where(item => string.IsNullOrWhiteSpace(item.Description))
            .Select(item => $"{item.Path} {item.Name}")
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_EveryCommand_EndsWithAnExample(string path)
    {
        var result = await CliRunner.RunAsync([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("Example:", lines[^2]);
        // An example may start with an environment variable: VAR=value bulk-etl check ...
        Assert.Contains($"bulk-etl {path}".TrimEnd(), lines[^1], StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        yield return (path, command);
        foreach (var child in command.Subcommands)
        {
            foreach (var descendant in Walk(child, $"{path} {child.Name}".Trim()))
            {
                yield return descendant;
            }
        }
    }
}
