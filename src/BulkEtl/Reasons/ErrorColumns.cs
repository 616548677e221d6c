namespace BulkEtl.Reasons;

/// <summary>
/// Finds the error columns of an error-rows file, whose layout Zuora does not document: the columns that are not in
/// the source file's header (names compared trimmed and case-insensitively), or, when that finds none or the source
/// header is unknown, the columns whose names contain "error", "message", "code" or "reason" (case-insensitive).
/// </summary>
internal static class ErrorColumns
{
    private static readonly string[] NameHints = ["error", "message", "code", "reason"];

    /// <returns>The indexes of the error columns, in file order; empty when neither rule finds one.</returns>
    public static IReadOnlyList<int> Find(IReadOnlyList<string> errorHeader, IReadOnlyList<string>? sourceHeader)
    {
        ArgumentNullException.ThrowIfNull(errorHeader);
        if (sourceHeader is { Count: > 0 })
        {
            var source = new HashSet<string>(sourceHeader.Select(Normalise), StringComparer.OrdinalIgnoreCase);
            var added = Enumerable.Range(0, errorHeader.Count).Where(index => !source.Contains(Normalise(errorHeader[index]))).ToList();
            if (added.Count > 0)
            {
                return added;
            }
        }

        return Enumerable.Range(0, errorHeader.Count)
            .Where(index => NameHints.Any(hint => errorHeader[index].Contains(hint, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    private static string Normalise(string name) => name.Trim().TrimStart('\uFEFF');
}
