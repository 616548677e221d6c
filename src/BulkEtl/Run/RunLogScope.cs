using System.Collections;

namespace BulkEtl.Run;

/// <summary>
/// The scope every log line of a run carries: structured (RunId, TrackId) for JSON log shippers, and a short
/// readable form for the single-line text format.
/// </summary>
internal sealed record RunLogScope(Guid RunId, string TrackId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 2;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new("RunId", RunId),
        1 => new("TrackId", TrackId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"run {RunId}";
}
