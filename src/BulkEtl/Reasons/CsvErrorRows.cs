using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace BulkEtl.Reasons;

/// <summary>
/// Reads a CSV error-rows file with CsvHelper: the header names the error columns (<see cref="ErrorColumns"/>), each row
/// is counted by the fingerprint of its error cells. A cell over the cell cap is one unreadable row: CsvHelper stops at
/// the cap (its buffer never holds more), and the rest of that row is read past.
/// </summary>
internal static class CsvErrorRows
{
    public static async Task<ErrorFileTally> ReadAsync(string jobId, TextReader text, char delimiter, IReadOnlyList<string>? sourceHeader,
        FailureFileOptions options, CancellationToken cancellationToken)
    {
        using var csv = new CsvReader(text, Configuration(delimiter, options.MaxCellChars));
        string[] header;
        try
        {
            if (!await csv.ReadAsync())
            {
                return new ErrorFileTally(0, new Dictionary<FailureFingerprint, long>());
            }

            header = csv.Parser.Record ?? [];
        }
        catch (MaxFieldSizeException)
        {
            throw new FailureFileUnreadableException($"the error-rows file of job {jobId} is neither CSV nor JSON lines: its first line has a cell over {options.MaxCellChars} characters");
        }

        // A header is names: bytes that do not decode, or control characters, mean this is no text file at all.
        if (header.Any(name => name.Any(c => c == '\uFFFD' || (char.IsControl(c) && c != '\t'))))
        {
            throw new FailureFileUnreadableException($"the error-rows file of job {jobId} is neither JSON lines nor CSV: its first line is not text");
        }

        var columns = ErrorColumns.Find(header, sourceHeader);
        if (columns.Count == 0)
        {
            throw new FailureFileUnreadableException(
                $"the error-rows file of job {jobId} is neither JSON lines nor CSV with a column that reads as an error ({header.Length} columns)");
        }

        var tally = new ReasonTally(options.MaxReasonsPerJob);
        var cells = new string?[columns.Count];
        var inOversizedRow = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more;
            try
            {
                more = await csv.ReadAsync();
            }
            catch (MaxFieldSizeException)
            {
                // The parser gives up on a cell at the cap and resumes where it stopped, so the same cell throws again
                // until its end: count the row once, and drop what the parser then returns as the row's tail.
                if (!inOversizedRow)
                {
                    tally.AddUnreadable();
                    inOversizedRow = true;
                }

                continue;
            }

            if (!more)
            {
                break;
            }

            if (inOversizedRow)
            {
                inOversizedRow = false;
                continue;
            }

            var record = csv.Parser.Record ?? [];
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i] = columns[i] < record.Length ? record[columns[i]] : null;
            }

            tally.Add(cells);
        }

        return tally.ToTally();
    }

    public static CsvConfiguration Configuration(char delimiter, int maxCellChars = 0) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter.ToString(),
        HasHeaderRecord = false,
        // A broken cell must not throw with the raw row in the message; the row still counts, as read.
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
        MaxFieldSize = maxCellChars,
    };
}
