using System.Text;

namespace BulkEtl.Extract;

/// <summary>
/// Text that came from a server and is about to reach a message, a log, the terminal or the store: control characters
/// (ANSI escapes included) removed, whitespace collapsed, length capped. A hostile or broken answer cannot then paint
/// the terminal, forge log lines or fill the ledger.
/// </summary>
internal static class SafeText
{
    /// <summary>The longest reason kept from a server's answer.</summary>
    public const int MaxReasonLength = 300;

    public static string Clip(string text, int maxLength = MaxReasonLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var pendingSpace = false;
        for (var index = 0; index < text.Length && builder.Length < maxLength; index++)
        {
            var c = text[index];
            if (c == '\u001b')
            {
                index = SkipEscapeSequence(text, index);
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length >= maxLength ? builder.ToString(0, maxLength) + "…" : builder.ToString();
    }

    public static string? ClipOrNull(string? text, int maxLength = MaxReasonLength) =>
        text is null ? null : Clip(text, maxLength);

    /// <summary>
    /// A text value from outside as it may be shown or written in full (a job's name, type, status): control characters
    /// (ESC and the rest of Cc), format characters (Cf: bidirectional overrides, zero-width characters) and line or
    /// paragraph separators removed, a line break or tab turned into a space so words stay apart. Nothing else changes and
    /// nothing is cut, so a clean value comes back as it was.
    /// </summary>
    public static string Strip(string text)
    {
        var index = 0;
        while (index < text.Length && !IsUnsafe(text[index]))
        {
            index++;
        }

        if (index == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, index);
        for (; index < text.Length; index++)
        {
            var c = text[index];
            if (!IsUnsafe(c))
            {
                builder.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    public static string? StripOrNull(string? text) => text is null ? null : Strip(text);

    /// <summary>Whether <paramref name="c"/> is removed by <see cref="Strip"/>: Cc, Cf, Zl and Zp.</summary>
    public static bool IsUnsafe(char c) => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control
        or System.Globalization.UnicodeCategory.Format
        or System.Globalization.UnicodeCategory.LineSeparator
        or System.Globalization.UnicodeCategory.ParagraphSeparator;

    /// <summary>Skips an ANSI CSI sequence (ESC [ params final) or a two-character escape; returns its last index.</summary>
    private static int SkipEscapeSequence(string text, int escape)
    {
        var index = escape + 1;
        if (index < text.Length && text[index] == '[')
        {
            index++;
            while (index < text.Length && text[index] is >= '0' and <= '?' or >= ' ' and <= '/')
            {
                index++;
            }
        }

        return Math.Min(index, text.Length - 1);
    }
}
