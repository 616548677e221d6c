namespace BulkEtl.Extract;

/// <summary>
/// What an error answer said, read from whichever of Zuora's shapes it came in (<see cref="ZuoraErrorBody"/>), with the
/// ids Zuora's support asks for. Every text is already clipped and stripped of control characters.
/// </summary>
/// <param name="IsZuoraShape">
/// The body was one of Zuora's error shapes; false for anything else (a gateway's page, HTML, JSON of another shape),
/// whose first characters are then the <paramref name="Message"/>.
/// </param>
/// <param name="Codes">Zuora's error codes as sent (8 digits for the v1 envelope, a word such as REQUEST_EXCEEDED_LIMIT for others).</param>
/// <param name="ProcessId">The v1 envelope's <c>processId</c>: the id Zuora's support asks for.</param>
internal sealed record ZuoraError(bool IsZuoraShape, string? Message, IReadOnlyList<string> Codes, string? ProcessId)
{
    /// <summary>
    /// Whether any code is an 8-digit Zuora code of the given category (its last two digits): 40 is "not found", 20 an
    /// invalid value, 70 a concurrency limit.
    /// </summary>
    public bool HasCategory(int category) =>
        Codes.Any(code => code.Length == 8 && code.All(char.IsAsciiDigit) && int.Parse(code.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture) == category);

    /// <summary>The message with its codes, e.g. <c>No job summaries found (code 50000040)</c>; null when the body said nothing.</summary>
    public string? Text => Message is null
        ? Codes.Count > 0 ? $"code {string.Join(", ", Codes)}" : null
        : Codes.Count > 0 && IsZuoraShape ? $"{Message} (code {string.Join(", ", Codes)})" : Message;
}
