using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace BulkEtl.Cli;

/// <summary>
/// Each command's --help ends with an example: the command states it where it is defined, and the help action, which
/// System.CommandLine lets us wrap, prints it after the standard help.
/// </summary>
internal static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string> Examples = [];

    /// <summary>Gives <paramref name="command"/> the example its help ends with.</summary>
    public static TCommand WithExample<TCommand>(this TCommand command, string example)
        where TCommand : Command
    {
        Examples.AddOrUpdate(command, example);
        return command;
    }

    public static string? ExampleOf(Command command) => Examples.TryGetValue(command, out var example) ? example : null;

    /// <summary>Replaces the root's help action (recursive, so every command's) with one that appends the example.</summary>
    public static void AppendToHelp(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExampleHelpAction((HelpAction)help.Action!);
    }

    private sealed class ExampleHelpAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => standard.ClearsParseErrors;

        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = standard.Invoke(parseResult);
            if (ExampleOf(parseResult.CommandResult.Command) is { } example)
            {
                parseResult.InvocationConfiguration.Output.WriteLine($"Example:{Environment.NewLine}  {example}");
            }

            return exitCode;
        }
    }
}
