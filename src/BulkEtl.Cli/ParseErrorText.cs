using System.CommandLine;
using System.CommandLine.Parsing;
using BulkEtl.Cli.Settings;

namespace BulkEtl.Cli;

/// <summary>
/// The parser's errors without the values a person typed after a flag the parser did not know: <c>--client-secert
/// S3CRET</c> is a secret with a typo, and its value must not reach a terminal, a cron mail or a log. A value after a
/// secret flag is hidden too; a mistyped command or a flag's name is still shown, so the message stays useful.
/// </summary>
internal static class ParseErrorText
{
    public const string Hidden = "***";

    public static IEnumerable<string> Describe(ParseResult parse)
    {
        var hidden = HiddenValues(parse.Tokens).ToList();
        foreach (var error in parse.Errors)
        {
            var message = error.Message;
            foreach (var (value, shown) in hidden)
            {
                message = message.Replace($"'{value}'", $"'{shown}'", StringComparison.Ordinal);
            }

            yield return message;
        }
    }

    private static IEnumerable<(string Value, string Shown)> HiddenValues(IReadOnlyList<Token> tokens)
    {
        var secretFlags = SettingKeys.All.Where(key => key.IsSecret).Select(key => key.Flag).ToHashSet(StringComparer.Ordinal);
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Type != TokenType.Argument)
            {
                continue;
            }

            if (token.Value.StartsWith('-'))
            {
                // An unknown flag with its value attached (--client-secert=S3CRET): the name helps, the value must not show.
                if (token.Value.IndexOfAny(['=', ':']) is var separator and > 0)
                {
                    yield return (token.Value, token.Value[..separator] + "=" + Hidden);
                }

                continue;
            }

            if (index > 0 && tokens[index - 1] is var previous
                && (previous.Type == TokenType.Argument || (previous.Type == TokenType.Option && secretFlags.Contains(previous.Value))))
            {
                yield return (token.Value, Hidden);
            }
        }
    }
}
