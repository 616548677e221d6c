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

    protected override string? SanitizeForInjection(string? field) =>
        _isTextField ? base.SanitizeForInjection(field) : field;

    /// <summary>
    /// Invariant culture; CRLF line ends (RFC 4180); text starting with <c>= + - @</c>, tab or CR is
    /// prefixed with <c>'</c> (and quoted) so Excel, LibreOffice and Google Sheets show it as text.
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
