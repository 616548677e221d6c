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
    private const string Blanks = " \t\r\n";
    private const string FormulaStarts = "=+-@";

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
            base.WriteConvertedField(field, fieldType);
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

        // Spreadsheets trim leading blanks before deciding a cell is a formula, so "  =cmd" runs like "=cmd";
        // CsvHelper only looks at the first character. The field arrives already quoted when it needs quotes (a
        // leading blank always does), and the escape goes inside the quotes, as CsvHelper puts it.
        if (field is { Length: > 0 })
        {
            var quote = Configuration.Quote;
            var quoted = field.Length > 1 && field[0] == quote;
            if (StartsWithFormulaAfterBlanks(quoted ? field.AsSpan(1) : field.AsSpan()))
            {
                var escape = Configuration.InjectionEscapeCharacter;
                return quoted ? string.Concat(quote.ToString(), escape.ToString(), field.AsSpan(1)) : escape + field;
            }
        }

        return base.SanitizeForInjection(field);
    }

    private static bool StartsWithFormulaAfterBlanks(ReadOnlySpan<char> field)
    {
        var rest = field.TrimStart(Blanks);
        return rest.Length > 0 && rest.Length < field.Length && FormulaStarts.Contains(rest[0]);
    }

    /// <summary>
    /// Invariant culture; CRLF line ends (RFC 4180); text starting with <c>= + - @</c>, tab or CR, or with blanks
    /// (spaces, tabs, line breaks) before <c>= + - @</c>, is prefixed with <c>'</c> (and quoted) so Excel, LibreOffice
    /// and Google Sheets show it as text.
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
