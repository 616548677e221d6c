using System.Text;
using System.Text.RegularExpressions;
using BulkEtl.Extract;

namespace BulkEtl.Reasons;

/// <summary>
/// Turns an error message into a template that keeps the mistake and drops the data: the privacy boundary between a
/// customer's rows and the store, the logs and the reports. Replaced, in this order: quoted text (<c>'…'</c>,
/// <c>"…"</c>, <c>`…`</c>, <c>“…”</c>) → <c>&lt;value&gt;</c>, URLs → <c>&lt;url&gt;</c>, emails → <c>&lt;email&gt;</c>,
/// UUIDs → <c>&lt;uuid&gt;</c>, 32-hex Zuora ids → <c>&lt;id&gt;</c>, dates and times → <c>&lt;date&gt;</c>, any word
/// holding both a letter and a digit (an account number such as A-000123, and also a field name such as Address1) →
/// <c>&lt;value&gt;</c>, numbers → <c>&lt;number&gt;</c>; a quote that never closes hides the rest of its line. Control
/// characters are dropped first, whitespace collapsed and the result cut to <see cref="MaxReasonLength"/>.
/// </summary>
internal static partial class ReasonFingerprinter
{
    public const int MaxReasonLength = 200;

    /// <summary>The template of an empty message.</summary>
    public const string NoMessage = "<no message>";

    /// <summary>The template counted for a row that could not be read (a cell over the size cap).</summary>
    public const string UnreadableRow = "<unreadable row>";

    /// <summary>Only this much of a message is looked at: a row can hold megabytes, a reason never needs them.</summary>
    public const int MaxInputLength = 4000;

    private static readonly char[] CodeSeparators = [' ', '\t', ':', '-', '|', ';', ',', '='];

    /// <summary>The fingerprint of one failed row from its error cells (code and message may share a cell).</summary>
    public static FailureFingerprint Fingerprint(IEnumerable<string?> errorCells)
    {
        string? code = null;
        var message = new StringBuilder();
        foreach (var cell in errorCells)
        {
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue;
            }

            var text = cell.Length > MaxInputLength ? cell[..MaxInputLength] : cell;
            if (code is null && Code().Match(text) is { Success: true } match)
            {
                code = match.Value.Trim();
                text = text.Remove(match.Index, match.Length);
            }
            else if (code is not null)
            {
                // The same code repeated in the message ("53100320: Invalid value…") is the code, not a number.
                text = text.Replace(code, " ", StringComparison.Ordinal);
            }

            // What separated the code from the message ("53100320: …", "53100320 - …") is not part of it.
            text = text.Trim().TrimStart(CodeSeparators);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            message.Append(message.Length > 0 ? " " : "").Append(text);
        }

        return new FailureFingerprint(code ?? "", ErrorCodeCategory.Of(code), Template(message.ToString()));
    }

    /// <summary>The fingerprint of a single message, such as a summary's failureReason.</summary>
    public static FailureFingerprint Fingerprint(string? message) => Fingerprint([message]);

    /// <summary>The message with every value replaced by a placeholder, whitespace collapsed, cut to 200 characters.</summary>
    public static string Template(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return NoMessage;
        }

        var text = message.Length > MaxInputLength ? message[..MaxInputLength] : message;
        // Control characters first (ANSI escapes included), so no placeholder can be split by one.
        text = SafeText.Clip(text, MaxInputLength);
        text = Quoted().Replace(text, "<value>");
        text = UnclosedQuote().Replace(text, "<value>");
        text = Url().Replace(text, "<url>");
        text = Email().Replace(text, "<email>");
        text = Uuid().Replace(text, "<uuid>");
        text = ZuoraId().Replace(text, "<id>");
        text = DateTime().Replace(text, "<date>");
        text = WordWithDigit().Replace(text, match => match.Value.Any(char.IsLetter) && match.Value.Any(char.IsDigit) ? "<value>" : match.Value);
        text = Number().Replace(text, "<number>");
        text = Whitespace().Replace(text, " ").Trim();
        if (text.Length == 0)
        {
            return NoMessage;
        }

        return text.Length <= MaxReasonLength ? text : CutOutsidePlaceholder(text);
    }

    /// <summary>Cuts to <see cref="MaxReasonLength"/>, never inside a placeholder (half of one would read as text).</summary>
    private static string CutOutsidePlaceholder(string text)
    {
        var cut = MaxReasonLength - 1;
        var open = text.LastIndexOf('<', cut - 1);
        if (open >= 0 && text.IndexOf('>', open) is var close && close >= cut)
        {
            cut = open;
        }

        return text[..cut].TrimEnd() + "…";
    }

    // A code is a cell of 8 digits, or 8 digits that open a cell ("53100320: Invalid value…"); digits further in are data.
    [GeneratedRegex(@"\A\s*[0-9]{8}(?![0-9])")]
    private static partial Regex Code();

    // A quote that starts a value: not inside a word (so "doesn't" stays), up to the closing quote on the same line; a
    // quote followed by a letter or digit is an apostrophe inside the value ('O'Brien').
    [GeneratedRegex("""(?<![\p{L}\p{N}])'(?:[^'\r\n]|'(?=[\p{L}\p{N}]))*'|"[^"\r\n]*"|`[^`\r\n]*`|“[^”\r\n]*”|‘[^’\r\n]*’""")]
    private static partial Regex Quoted();

    // A quote that opens a value and never closes (a message cut short): the rest of the line may be the value.
    [GeneratedRegex("""(?<![\p{L}\p{N}])['"`“‘][^\r\n]*""")]
    private static partial Regex UnclosedQuote();

    [GeneratedRegex(@"\b(?:https?|ftp)://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-']+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b[0-9a-fA-F]{32}\b")]
    private static partial Regex ZuoraId();

    // ISO dates with an optional time and zone, and d/m/y or m/d/y with / . or -.
    [GeneratedRegex(@"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b")]
    private static partial Regex DateTime();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])[-+]?\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    // A word, with inner - . / # (an account number, an invoice key); replaced when it holds a letter and a digit.
    [GeneratedRegex(@"[\p{L}\p{N}_]+(?:[\-./#][\p{L}\p{N}_]+)*")]
    private static partial Regex WordWithDigit();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
