namespace BulkEtl.Reasons;

/// <summary>
/// Counts one error file's rows per fingerprint, whatever its format. Rows repeat their mistakes, so a row whose error
/// cells were seen before reuses that fingerprint; the cache is keyed on the cells as the fingerprinter reads them
/// (clipped), so a cell of megabytes never becomes a key. Past <c>maxReasons</c> distinct reasons, the rest count as one.
/// </summary>
internal sealed class ReasonTally(int maxReasons)
{
    private const int MaxCachedCells = 10_000;

    private static readonly FailureFingerprint Unreadable = new("", "", ReasonFingerprinter.UnreadableRow);

    private readonly Dictionary<FailureFingerprint, long> _reasons = [];
    private readonly Dictionary<string, FailureFingerprint> _seen = new(StringComparer.Ordinal);

    public long Rows { get; private set; }

    /// <summary>One row, by its error cells in file order (null for a cell the row lacks).</summary>
    public void Add(IReadOnlyList<string?> cells)
    {
        var clipped = new string?[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            clipped[i] = cells[i] is { Length: > ReasonFingerprinter.MaxInputLength } text ? text[..ReasonFingerprinter.MaxInputLength] : cells[i];
        }

        var key = string.Join('\u001f', clipped);
        if (!_seen.TryGetValue(key, out var fingerprint))
        {
            fingerprint = ReasonFingerprinter.Fingerprint(clipped);
            if (_seen.Count < MaxCachedCells)
            {
                _seen[key] = fingerprint;
            }
        }

        Count(fingerprint);
    }

    /// <summary>A row that could not be read (a cell or line over the size cap, text that does not decode): still a failed row.</summary>
    public void AddUnreadable() => Count(Unreadable);

    public ErrorFileTally ToTally() => new(Rows, _reasons);

    private void Count(FailureFingerprint fingerprint)
    {
        if (!_reasons.ContainsKey(fingerprint) && _reasons.Count >= maxReasons)
        {
            fingerprint = fingerprint with { Reason = "<other reasons>" };
        }

        _reasons[fingerprint] = _reasons.GetValueOrDefault(fingerprint) + 1;
        Rows++;
    }
}
