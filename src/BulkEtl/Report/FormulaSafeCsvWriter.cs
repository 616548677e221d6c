using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>
/// CsvHelper's <see cref="InjectionOptions.Escape"/> applies to every field, numbers included, so a
/// negative count would come out as <c>"'-5"</c>. This writer lets the escape run only on text
/// columns (and the header): numbers stay numbers a spreadsheet can sum.
/// </summary>
internal sealed class FormulaSafeCsvWriter : CsvWriter
{
    /// <summary>
    /// What a spreadsheet may take for the start of a formula: the ASCII signs, their full-width forms (Excel and Sheets
    /// fold them on some locales' input) and '|' (a DDE call in older Excel).
    /// </summary>
    private const string FormulaStarts = "=+-@|\uFF1D\uFF0B\uFF0D\uFF20";

    private bool _isTextField = true;

    public FormulaSafeCsvWriter(TextWriter writer, IWriterConfiguration configuration, bool leaveOpen)
        : base(writer, configuration, leaveOpen)
    {
    }

    public override void WriteConvertedField(string? field, Type fieldType)
    {
        _isTextField = fieldType == typeof(string);
        try
        {
            // Control, bidirectional-override and separator characters from outside would reorder or hide what a reader
            // sees in a cell, or in a terminal that cats the file: stripped before quoting and the formula check.
            base.WriteConvertedField(_isTextField ? Extract.SafeText.StripOrNull(field) : field, fieldType);
        }
        finally
        {
            _isTextField = true;
        }
    }

    protected override string? SanitizeForInjection(string? field)
    {
        if (!_isTextField)
        {
            return field;
        }

        // Spreadsheets trim leading blanks (any Unicode white space: a no-break space, U+2028) before deciding a cell is
        // a formula, so "  =cmd" runs like "=cmd"; CsvHelper only looks at the first character and its own list. The field arrives already quoted when it needs quotes (a
        // leading blank always does), and the escape goes inside the quotes, as CsvHelper puts it.
        if (field is { Length: > 0 })
        {
            var quote = Configuration.Quote;
            var quoted = field.Length > 1 && field[0] == quote;
            var text = quoted ? field.AsSpan(1) : field.AsSpan();
            if (!Configuration.InjectionCharacters.Contains(text[0]) && StartsWithFormula(text))
            {
                // Quoted as CsvHelper quotes its own escapes; an unquoted field holds no quote, delimiter or line break.
                var escape = Configuration.InjectionEscapeCharacter;
                return quoted
                    ? string.Concat(quote.ToString(), escape.ToString(), field.AsSpan(1))
                    : string.Concat(quote.ToString(), escape.ToString(), field, quote.ToString());
            }
        }

        return base.SanitizeForInjection(field);
    }

    private static bool StartsWithFormula(ReadOnlySpan<char> field)
    {
        var rest = field.TrimStart();
        return rest.Length > 0 && FormulaStarts.Contains(rest[0]);
    }

    /// <summary>
    /// Invariant culture; CRLF line ends (RFC 4180); text starting with <c>= + - @ |</c> or their full-width forms, tab
    /// or CR, also after any Unicode white space, is prefixed with <c>'</c> (and quoted) so Excel, LibreOffice and Google
    /// Sheets show it as text.
    /// </summary>
    public static CsvConfiguration CreateConfiguration() => new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",

        // CsvHelper's default quotes a line break only if it equals NewLine once NewLine is set, so a
        // bare "\n" inside a value would split the row; quote any CR or LF, quote, comma or edge space.
        ShouldQuote = args => args.Field is { Length: > 0 } field
            && (field.AsSpan().IndexOfAny("\"\r\n") >= 0
                || field.Contains(args.Row.Configuration.Delimiter, StringComparison.Ordinal)
                || field[0] == ' ' || field[^1] == ' '),
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };
}
