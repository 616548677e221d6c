using System.Text;
using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary>
/// The source and error-rows files of a simulated job, generated row by row from the job's id (so they stream and are
/// the same every time): the source columns plus ErrorCode and ErrorMessage, one row per failed row, with realistic
/// Data Loader codes and messages that quote customer values (names, emails, account numbers) that must never leak.
/// </summary>
public static class FailureFiles
{
    public static readonly string[] SourceColumns = ["AccountNumber", "Name", "BillToEmail", "Currency", "ContractEffectiveDate"];

    public static readonly string[] ErrorColumns = ["ErrorCode", "ErrorMessage"];

    /// <summary>Customer values planted in the rows and messages; none may reach the store, a log or a report.</summary>
    public static readonly string[] PlantedValues =
        ["jane.doe@example.com", "Jane Doe", "Zebulon Quixote", "zq.private@example.org", "A-000123", "A-987654", "XQZ", "O'Brien Holdings"];

    /// <summary>The kinds of mistake, as Zuora would word them; {value} is filled from the row.</summary>
    public static readonly (string Code, string Message)[] Kinds =
    [
        ("53100320", "Invalid value for field Currency: '{currency}'"),
        ("53100022", "Missing required field AccountNumber"),
        ("50000040", "Account '{account}' not found"),
        ("53100020", "Email {email} is not a valid email address"),
        ("53100030", "Contract effective date {date} is after the service activation date for \"{name}\""),
        ("50000050", "Operation failed due to lock competition, please retry later"),
        ("", "53100021: Unknown field 'Nickname__c'"),
    ];

    private static readonly string[] Names = ["Jane Doe", "Zebulon Quixote", "O'Brien Holdings"];
    private static readonly string[] Emails = ["jane.doe@example.com", "zq.private@example.org"];
    private static readonly string[] Accounts = ["A-000123", "A-987654"];
    private static readonly string[] Currencies = ["XQZ", "US$", "euro"];

    /// <summary>The rows of the job's error-rows file: exactly its rowsFailed (0 when unknown).</summary>
    public static IEnumerable<SimulatedErrorRow> ErrorRows(SimulatedJob job)
    {
        var seed = StableHash(job.Id);
        for (long i = 0; i < Math.Max(0, job.RowsFailed ?? 0); i++)
        {
            yield return Row(seed, i);
        }
    }

    /// <summary>One row, i of the job whose id hashes to <paramref name="seed"/>.</summary>
    public static SimulatedErrorRow Row(uint seed, long i)
    {
        var draw = Mix(seed, (ulong)i);
        // Skewed, as real files are: most rows share a few mistakes.
        var kind = (draw % 20) switch
        {
            < 7 => 0,
            < 11 => 1,
            < 14 => 2,
            < 16 => 3,
            < 18 => 4,
            18 => 5,
            _ => 6,
        };
        var name = Names[(int)(draw / 20 % (ulong)Names.Length)];
        var email = Emails[(int)(draw / 60 % (ulong)Emails.Length)];
        var account = Accounts[(int)(draw / 120 % (ulong)Accounts.Length)];
        var currency = Currencies[(int)(draw / 240 % (ulong)Currencies.Length)];
        var date = new DateOnly(2026, 1, 1).AddDays((int)(draw / 720 % 300)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (code, template) = Kinds[kind];
        var message = template.Replace("{currency}", currency, StringComparison.Ordinal).Replace("{account}", account, StringComparison.Ordinal)
            .Replace("{email}", email, StringComparison.Ordinal).Replace("{date}", date, StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal);
        return new SimulatedErrorRow(kind, [kind == 1 ? "" : account, name, email, currency, date], code, message);
    }

    public static string Line(IEnumerable<string> cells, char delimiter = ',') =>
        string.Join(delimiter, cells.Select(cell => Quote(cell, delimiter))) + "\r\n";

    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }

    private static ulong Mix(uint seed, ulong i)
    {
        var x = unchecked(((ulong)seed << 32) ^ (i * 0x9E3779B97F4A7C15UL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return x ^ (x >> 31);
    }

    private static string Quote(string cell, char delimiter) =>
        cell.Contains(delimiter) || cell.Contains('"') || cell.Contains('\n') || cell.Contains('\r')
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;

    /// <summary>One JSON-lines record: an object of <paramref name="names"/> to <paramref name="cells"/>, in order.</summary>
    public static string JsonLine(IReadOnlyList<string> names, IReadOnlyList<string> cells)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < names.Count; i++)
            {
                writer.WriteString(names[i], cells[i]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The bytes of one error-rows line for <paramref name="row"/>.</summary>
    internal static byte[] ErrorLine(SimulatedErrorRow row) => Encoding.UTF8.GetBytes(Line([.. row.Values, row.Code, row.Message]));

    /// <summary>The text of one error-rows record for <paramref name="row"/>, as a CSV line or a JSON line.</summary>
    internal static string ErrorRecord(SimulatedErrorRow row, bool jsonLines) => jsonLines
        ? JsonLine([.. SourceColumns, .. ErrorColumns], [.. row.Values, row.Code, row.Message])
        : Line([.. row.Values, row.Code, row.Message]);
}
